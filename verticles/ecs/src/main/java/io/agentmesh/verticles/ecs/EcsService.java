package io.agentmesh.verticles.ecs;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.MessageSchemas;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.ecs.ActRequest;
import io.agentmesh.contract.ecs.Compatibility;
import io.agentmesh.contract.ecs.EcsEntity;
import io.agentmesh.contract.ecs.EcsStatus;
import io.agentmesh.contract.ecs.EntityMemory;
import io.agentmesh.contract.ecs.EntityPage;
import io.agentmesh.contract.ecs.EntityPair;
import io.agentmesh.contract.ecs.EntityQuery;
import io.agentmesh.contract.ecs.EntityRelationships;
import io.agentmesh.contract.ecs.Lineage;
import io.agentmesh.contract.ecs.LineageQuery;
import io.agentmesh.contract.ecs.LinkRequest;
import io.agentmesh.contract.ecs.MapFrame;
import io.agentmesh.contract.ecs.MapQuery;
import io.agentmesh.contract.ecs.MateList;
import io.agentmesh.contract.ecs.MateQuery;
import io.agentmesh.contract.ecs.Observation;
import io.agentmesh.contract.ecs.OffspringRequest;
import io.agentmesh.contract.ecs.SpawnRequest;
import io.agentmesh.contract.ecs.WorldControl;
import io.agentmesh.verticles.ecs.world.Traits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ecs domain's requests, served by the node that runs the world. Reading needs {@code ecs:read}; spawning,
 * breeding, linking and acting {@code ecs:write} and, for an existing entity, owning it (an administrator may do
 * anything); world control is for administrators. Every request checks again whatever face it came through.
 */
final class EcsService {

  private static final int MAX_MATES = 50;
  private static final int MAX_DEPTH = 10;
  private static final long AGENT_CHECK_TIMEOUT_MS = 5000;

  private final Vertx vertx;
  private final WorldRunner runner;
  private final LineageStore lineage;
  private final Function<WorldControl, Future<EcsStatus>> reset;

  EcsService(Vertx vertx, WorldRunner runner, LineageStore lineage, Function<WorldControl, Future<EcsStatus>> reset) {
    this.vertx = vertx;
    this.runner = runner;
    this.lineage = lineage;
    this.reset = reset;
  }

  Future<EcsStatus> status(Message<ResourceId> message) {
    RequestConsumers.caller(message, Scopes.ECS_READ);
    return runner.currentStatus();
  }

  Future<EntityPage> list(Message<EntityQuery> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.ECS_READ);
    EntityQuery query = message.body();
    List<FieldError> problems = new ArrayList<>();
    int limit = query.limit() == null ? ListQuery.DEFAULT_LIMIT : query.limit();
    if (limit < 1 || limit > ListQuery.MAX_LIMIT) {
      problems.add(new FieldError("limit", "must be from 1 to " + ListQuery.MAX_LIMIT));
    }
    long after = query.after() == null ? 0 : EntityIdFormat.parse(query.after());
    if (query.after() != null && after == 0) {
      problems.add(new FieldError("after", "is not an entity id"));
    }
    float[] min = traitBounds(query.traitMin(), 0f, "trait_min", problems);
    float[] max = traitBounds(query.traitMax(), 1f, "trait_max", problems);
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
    String owner = "me".equals(query.owner()) ? caller.userId() : query.owner();
    if (Boolean.FALSE.equals(query.alive())) {
      return runner.read(views -> views.world().tickCount())
        .compose(tick -> lineage.dead(after, limit, query.generation(), owner, min, max, tick));
    }
    return runner.read(views -> EntityPages.page(views, after, limit, query.generation(), owner, min, max));
  }

  private static float[] traitBounds(Map<String, Double> named, float otherwise, String field,
                                     List<FieldError> problems) {
    float[] bounds = new float[Traits.COUNT];
    Arrays.fill(bounds, otherwise);
    named.forEach((name, value) -> {
      int trait = Traits.NAMES.indexOf(name);
      if (trait < 0) {
        problems.add(new FieldError(field + "." + name, "is not a trait; traits: " + Traits.NAMES));
      } else if (value == null || value < 0 || value > 1) {
        problems.add(new FieldError(field + "." + name, "must be a number from 0 to 1"));
      } else {
        bounds[trait] = value.floatValue();
      }
    });
    return bounds;
  }

  Future<EcsEntity> get(Message<ResourceId> message) {
    RequestConsumers.caller(message, Scopes.ECS_READ);
    long id = EntityIdFormat.parse(message.body().id());
    if (id == 0) {
      throw DomainException.notFound("Entity " + message.body().id());
    }
    return runner.read(views -> views.alive(id) ? views.entity(id) : null).compose(living -> living != null
      ? Future.succeededFuture(living) : runner.read(views -> views.world().tickCount())
        .compose(tick -> lineage.entity(id, tick))
        .map(found -> found.orElseThrow(() -> DomainException.notFound("Entity " + message.body().id()))));
  }

  Future<EcsEntity> spawn(Message<SpawnRequest> message) {
    return spawn(RequestConsumers.caller(message, Scopes.ECS_WRITE), message.body());
  }

  /** Also the {@code ecs_spawn} tool's path. */
  Future<EcsEntity> spawn(Principal caller, SpawnRequest request) {
    MessageSchemas.require("ecs.entities.spawn", request);
    JsonObject body = identity(caller).put("traits", new JsonObject(new HashMap<>(request.traits())));
    if (request.x() != null) {
      body.put("x", request.x());
    }
    if (request.y() != null) {
      body.put("y", request.y());
    }
    return runner.command(WorldCommands.SPAWN, body, EntityViews::entity);
  }

  Future<EcsEntity> offspring(Message<OffspringRequest> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.ECS_WRITE);
    MessageSchemas.require("ecs.entities.offspring", message.body());
    List<String> parents = message.body().parentIds();
    long a = EntityIdFormat.parse(parents.get(0));
    long b = EntityIdFormat.parse(parents.get(1));
    if (a == 0 || b == 0) {
      throw DomainException.validation(List.of(new FieldError("parent_ids", "must be two entity ids")));
    }
    return runner.command(WorldCommands.OFFSPRING, identity(caller).put("parents", new JsonArray().add(a).add(b)),
      EntityViews::entity);
  }

  Future<MateList> mates(Message<MateQuery> message) {
    RequestConsumers.caller(message, Scopes.ECS_READ);
    return mates(message.body());
  }

  /** Also the {@code ecs_find_mates} tool's path. */
  Future<MateList> mates(MateQuery query) {
    int limit = query.limit() == null ? 10 : query.limit();
    List<FieldError> problems = new ArrayList<>();
    if (limit < 1 || limit > MAX_MATES) {
      problems.add(new FieldError("limit", "must be from 1 to " + MAX_MATES));
    }
    if (query.radius() != null && !(query.radius() > 0)) {
      problems.add(new FieldError("radius", "must be a positive number"));
    }
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
    long id = existing(query.id());
    return runner.read(views -> {
      living(views, id, query.id());
      float radius = query.radius() == null ? views.world().settings().neighbourRadius() * 4
        : (float) Math.min(query.radius(), views.world().settings().width());
      return views.mates(id, limit, radius);
    });
  }

  Future<Compatibility> compatibility(Message<EntityPair> message) {
    RequestConsumers.caller(message, Scopes.ECS_READ);
    long a = existing(message.body().id());
    long b = existing(message.body().otherId());
    return runner.read(views -> {
      living(views, a, message.body().id());
      living(views, b, message.body().otherId());
      return views.compatibility(a, b);
    });
  }

  Future<Lineage> lineage(Message<LineageQuery> message) {
    RequestConsumers.caller(message, Scopes.ECS_READ);
    return lineage(message.body());
  }

  /** Also the {@code ecs_lineage} tool's path. */
  Future<Lineage> lineage(LineageQuery query) {
    int depth = query.depth() == null ? 3 : query.depth();
    if (depth < 1 || depth > MAX_DEPTH) {
      throw DomainException.validation(List.of(new FieldError("depth", "must be from 1 to " + MAX_DEPTH)));
    }
    long id = existing(query.id());
    return lineage.tree(id, depth).map(tree -> new Lineage(query.id(), depth,
      tree.orElseThrow(() -> DomainException.notFound("Entity " + query.id()))));
  }

  Future<EntityMemory> memory(Message<ResourceId> message) {
    RequestConsumers.caller(message, Scopes.ECS_READ);
    long id = existing(message.body().id());
    return runner.read(views -> {
      living(views, id, message.body().id());
      return views.memory(id);
    });
  }

  Future<EntityRelationships> relationships(Message<ResourceId> message) {
    RequestConsumers.caller(message, Scopes.ECS_READ);
    long id = existing(message.body().id());
    return runner.read(views -> {
      living(views, id, message.body().id());
      return views.relationships(id);
    });
  }

  /** Links one of the caller's agents to an entity the caller owns: the agents domain says whose the agent is. */
  Future<EcsEntity> link(Message<LinkRequest> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.ECS_WRITE);
    LinkRequest request = message.body();
    requireBody("ecs.entities.link", request);
    long id = existing(request.entityId());
    return vertx.eventBus().request(AgentsAddresses.GET, new ResourceId(request.agentId()),
        BusHeaders.deliveryOptions(caller, BusHeaders.requestId(message), AGENT_CHECK_TIMEOUT_MS))
      .compose(agent -> runner.command(WorldCommands.LINK, identity(caller).put("entity", id)
        .put("agent_id", request.agentId()), EntityViews::entity));
  }

  Future<EcsEntity> act(Message<ActRequest> message) {
    return act(RequestConsumers.caller(message, Scopes.ECS_WRITE), message.body(), false);
  }

  /** Also the {@code ecs_act} tool's path, which acts only for a linked entity. */
  Future<EcsEntity> act(Principal caller, ActRequest request, boolean linkedOnly) {
    requireBody("ecs.entities.act", request);
    if ("move_toward".equals(request.action()) && (request.x() == null || request.y() == null)) {
      throw DomainException.validation(List.of(new FieldError(request.x() == null ? "x" : "y",
        "is required to move toward a place")));
    }
    long id = existing(request.entityId());
    JsonObject body = identity(caller).put("entity", id).put("action", request.action())
      .put("ticks", request.ticks() == null ? 100 : request.ticks()).put("linked_only", linkedOnly);
    if (request.x() != null) {
      body.put("x", request.x()).put("y", request.y());
    }
    return runner.command(WorldCommands.ACT, body, EntityViews::entity);
  }

  /** What an entity the caller owns perceives (the {@code ecs_observe} tool): a linked one only, unless admin. */
  Future<Observation> observe(Principal caller, String entityId) {
    long id = existing(entityId);
    return runner.read(views -> {
      living(views, id, entityId);
      if (!caller.isAdmin() && !caller.userId().equals(views.ownership().owner(id))) {
        throw new DomainException(ErrorCode.FORBIDDEN, "You may observe only through entities you own.");
      }
      if (views.ownership().agent(id) == null) {
        throw new DomainException(ErrorCode.CONFLICT, "The entity is not linked to an agent; link it first.");
      }
      return views.observe(id);
    });
  }

  Future<EcsStatus> control(Message<WorldControl> message) {
    RequestConsumers.admin(message);
    WorldControl control = message.body();
    return switch (control.action()) {
      case "speed" -> {
        if (control.speed() == null || control.speed() < 1 || control.speed() > EcsOptions.MAX_SPEED) {
          throw DomainException.validation(List.of(new FieldError("speed", "must be from 1 to 1000")));
        }
        yield runner.control("speed", control.speed(), 0);
      }
      case "pause", "resume" -> runner.control(control.action(), 0, 0);
      case "step" -> {
        int ticks = control.ticks() == null ? 1 : control.ticks();
        if (ticks < 1 || ticks > 10_000) {
          throw DomainException.validation(List.of(new FieldError("ticks", "must be from 1 to 10000")));
        }
        yield runner.control("step", 0, ticks);
      }
      case "reset" -> {
        if (control.population() != null && (control.population() < 0 || control.population() > 10_000_000)) {
          throw DomainException.validation(List.of(new FieldError("population", "must be from 0 to 10000000")));
        }
        yield reset.apply(control);
      }
      default -> throw DomainException.validation(List.of(new FieldError("action",
        "must be speed, pause, resume, step or reset")));
    };
  }

  Future<MapFrame> map(Message<MapQuery> message) {
    RequestConsumers.caller(message, Scopes.ECS_READ);
    MapQuery query = message.body();
    int trait = query.trait() == null ? Traits.SIZE : Traits.NAMES.indexOf(query.trait());
    int limit = query.limit() == null ? 5000 : query.limit();
    List<FieldError> problems = new ArrayList<>();
    if (trait < 0) {
      problems.add(new FieldError("trait", "is not a trait; traits: " + Traits.NAMES));
    }
    if (limit < 1 || limit > 20_000) {
      problems.add(new FieldError("limit", "must be from 1 to 20000"));
    }
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
    return runner.read(views -> {
      float width = views.world().settings().width();
      float height = views.world().settings().height();
      return views.map(bound(query.minX(), 0), bound(query.minY(), 0), bound(query.maxX(), width),
        bound(query.maxY(), height), trait, limit);
    });
  }

  /** A deleted user's entities live on, unowned. */
  Future<Void> disown(String userId) {
    return runner.command(WorldCommands.DISOWN, new JsonObject().put("user_id", userId), (views, id) -> null)
      .mapEmpty();
  }

  /** Checks a request against its route's body schema: the entity it names comes in the path, not the body. */
  private static void requireBody(String schema, Record request) {
    JsonObject body = MessageJson.toJsonWithoutNulls(request);
    body.remove("entity_id");
    List<FieldError> problems = MessageSchemas.check(schema, body);
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
  }

  private static float bound(Double value, float otherwise) {
    return value == null ? otherwise : value.floatValue();
  }

  private static JsonObject identity(Principal caller) {
    return new JsonObject().put("caller", caller.userId()).put("admin", caller.isAdmin());
  }

  /** The engine id of an entity id, or a 404 for text that names none. */
  private static long existing(String entityId) {
    long id = EntityIdFormat.parse(entityId);
    if (id == 0) {
      throw DomainException.notFound("Entity " + entityId);
    }
    return id;
  }

  private static void living(EntityViews views, long id, String entityId) {
    if (!views.alive(id)) {
      throw DomainException.notFound("Living entity " + entityId);
    }
  }
}
