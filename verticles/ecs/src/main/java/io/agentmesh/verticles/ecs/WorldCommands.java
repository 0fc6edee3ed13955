package io.agentmesh.verticles.ecs;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.ecs.Compatibility;
import io.agentmesh.contract.ecs.MateCandidate;
import io.agentmesh.contract.ecs.MateList;
import io.agentmesh.verticles.ecs.engine.Archetype;
import io.agentmesh.verticles.ecs.world.Components;
import io.agentmesh.verticles.ecs.world.Intents;
import io.agentmesh.verticles.ecs.world.Traits;
import io.agentmesh.verticles.ecs.world.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * The commands that change the world from outside, each a kind and a JSON body (as stored and replayed). Applied on
 * the tick thread between ticks; every check that may refuse runs before anything changes (a refused command leaves
 * no trace, not even a random number drawn), and a replayed command meets the same world, so it does the same.
 * The caller's identity travels in the body ({@code caller}, {@code admin}): ownership is checked where it is true.
 */
final class WorldCommands {

  static final String SPAWN = "spawn";
  static final String OFFSPRING = "offspring";
  static final String LINK = "link";
  static final String ACT = "act";
  static final String DISOWN = "disown";

  private final EntityViews views;
  private final LongConsumer spawned;

  /** {@code spawned}: told each entity a spawn command made (a birth is told by the world's events). */
  WorldCommands(EntityViews views, LongConsumer spawned) {
    this.views = views;
    this.spawned = spawned;
  }

  /** Applies a command; answers the id of the entity it made or acted on (0 for none). */
  long apply(String kind, JsonObject body) {
    return switch (kind) {
      case SPAWN -> spawn(body);
      case OFFSPRING -> offspring(body);
      case LINK -> link(body);
      case ACT -> act(body);
      case DISOWN -> {
        views.ownership().disown(body.getString("user_id"));
        yield 0;
      }
      default -> throw new IllegalArgumentException("unknown command " + kind);
    };
  }

  private long spawn(JsonObject body) {
    World world = views.world();
    roomForOne(world);
    double x = body.getDouble("x", Double.NaN);
    double y = body.getDouble("y", Double.NaN);
    if (x >= world.settings().width() || y >= world.settings().height()) {
      throw DomainException.validation(List.of(new FieldError(x >= world.settings().width() ? "x" : "y",
        "must lie on the map: below " + world.settings().width() + " by " + world.settings().height())));
    }
    JsonObject named = body.getJsonObject("traits", new JsonObject());
    float[] genome = new float[Traits.COUNT];
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      Double value = named.getDouble(Traits.NAMES.get(trait));
      genome[trait] = value == null ? world.random().nextFloat() : value.floatValue();
    }
    long id = world.spawn(genome, (float) x, (float) y);
    views.ownership().own(id, body.getString("caller"));
    spawned.accept(id);
    return id;
  }

  private long offspring(JsonObject body) {
    JsonArray parents = body.getJsonArray("parents");
    long a = parents.getLong(0);
    long b = parents.getLong(1);
    living(a, "parent_ids[0]");
    living(b, "parent_ids[1]");
    String caller = body.getString("caller");
    if (!body.getBoolean("admin", false)) {
      boolean ownsA = caller.equals(views.ownership().owner(a));
      boolean ownsB = caller.equals(views.ownership().owner(b));
      String ownerOfOther = ownsA ? views.ownership().owner(b) : views.ownership().owner(a);
      if (!ownsA && !ownsB) {
        throw new DomainException(ErrorCode.FORBIDDEN, "You may breed only with at least one parent you own.");
      }
      if (ownerOfOther != null && !ownerOfOther.equals(caller)) {
        throw new DomainException(ErrorCode.FORBIDDEN, "The other parent belongs to another user; you may breed "
          + "yours with your own entities or unowned ones.");
      }
    }
    Compatibility compatibility = views.compatibility(a, b);
    if (!compatibility.compatible()) {
      throw DomainException.validation(List.of(new FieldError("parent_ids", compatibility.reasons().get(0))));
    }
    roomForOne(views.world());
    long child = views.world().breed(a, b);
    views.ownership().own(child, caller);
    return child;
  }

  private long link(JsonObject body) {
    long id = body.getLong("entity");
    living(id, "id");
    owned(id, body);
    views.world().link(id);
    views.ownership().link(id, body.getString("agent_id"));
    return id;
  }

  private long act(JsonObject body) {
    long id = body.getLong("entity");
    living(id, "id");
    owned(id, body);
    World world = views.world();
    if (body.getBoolean("linked_only", false) && !world.store().archetypeOf(id).has(Components.LINKED)) {
      throw new DomainException(ErrorCode.CONFLICT, "The entity is not linked to an agent; link it first.");
    }
    int action = Intents.NAMES.indexOf(body.getString("action"));
    float x = body.getDouble("x", 0.0).floatValue();
    float y = body.getDouble("y", 0.0).floatValue();
    if (action == Intents.MOVE_TOWARD && (x >= world.settings().width() || y >= world.settings().height())) {
      throw DomainException.validation(List.of(new FieldError(x >= world.settings().width() ? "x" : "y",
        "must lie on the map: below " + world.settings().width() + " by " + world.settings().height())));
    }
    if (action == Intents.SEEK_MATE) {
      MateList mates = views.mates(id, 1, world.settings().neighbourRadius() * 4);
      if (mates.data().isEmpty()) {
        throw new DomainException(ErrorCode.CONFLICT, "No compatible mate is near enough to seek.");
      }
      MateCandidate best = mates.data().get(0);
      Archetype at = world.store().archetypeOf(EntityIdFormat.parse(best.id()));
      int row = world.store().rowOf(EntityIdFormat.parse(best.id()));
      x = at.floats(Components.POSITION)[0][row];
      y = at.floats(Components.POSITION)[1][row];
    }
    world.intend(id, action, x, y, world.tickCount() + body.getInteger("ticks", 100));
    return id;
  }

  private void living(long id, String field) {
    if (!views.alive(id)) {
      throw DomainException.notFound("Entity " + EntityIdFormat.of(id) + " (" + field + ")");
    }
  }

  /** Only the owner (or an administrator) links or acts for an entity; to anyone else it is not theirs to touch. */
  private void owned(long id, JsonObject body) {
    if (!body.getBoolean("admin", false) && !body.getString("caller").equals(views.ownership().owner(id))) {
      throw new DomainException(ErrorCode.FORBIDDEN, "You may link or act only for entities you own.");
    }
  }

  private static void roomForOne(World world) {
    if (world.population() >= world.settings().populationCap()) {
      throw new DomainException(ErrorCode.CONFLICT, "The world is at its population cap ("
        + world.settings().populationCap() + ").");
    }
  }
}
