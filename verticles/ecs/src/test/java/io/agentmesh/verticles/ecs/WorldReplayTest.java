package io.agentmesh.verticles.ecs;

import io.agentmesh.verticles.ecs.world.World;
import io.agentmesh.verticles.ecs.world.WorldHash;
import io.agentmesh.verticles.ecs.world.WorldSettings;
import io.agentmesh.verticles.ecs.world.WorldSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recorded run replayed: the same seed and the same commands at the same ticks give the same world hash after
 * 10,000 ticks; resumed from a snapshot in the middle, with the commands after it replayed, the same hash again.
 */
@DisplayName("A world replayed from its seed and commands")
class WorldReplayTest {

  private static final WorldSettings SETTINGS = WorldSettings.forPopulation(200, 5000);
  private static final int TICKS = 10_000;

  /** A command at a tick, as the journal stores it. */
  private record Scheduled(long tick, String kind, JsonObject body) {
  }

  /** Spawns at 100 and 150 (then breeds, links and sends one of them: see run), spawns again at 7,000. */
  private static List<Scheduled> recording() {
    List<Scheduled> commands = new ArrayList<>();
    commands.add(new Scheduled(100, WorldCommands.SPAWN, spawn(0.2)));
    commands.add(new Scheduled(150, WorldCommands.SPAWN, spawn(0.6)));
    commands.add(new Scheduled(7000, WorldCommands.SPAWN, spawn(0.9)));
    return commands;
  }

  private static JsonObject spawn(double size) {
    return new JsonObject().put("caller", "usr_1").put("admin", false).put("traits", new JsonObject()
      .put("size", size).put("speed", size).put("longevity", 1.0));
  }

  /** Runs from {@code world} (at its tick) to {@link #TICKS}, applying the scheduled commands at their ticks. */
  private static long run(World world, Ownership ownership, List<Scheduled> commands, List<Long> spawned) {
    WorldCommands apply = new WorldCommands(new EntityViews(world, ownership), id -> { });
    int next = 0;
    while (next < commands.size() && commands.get(next).tick() < world.tickCount()) {
      next++;
    }
    while (world.tickCount() < TICKS) {
      while (next < commands.size() && commands.get(next).tick() == world.tickCount()) {
        Scheduled command = commands.get(next++);
        spawned.add(apply.apply(command.kind(), command.body()));
        if (spawned.size() == 2) {
          // the two spawned now breed, and the first is linked and told where to go: commands built from results
          long child = apply.apply(WorldCommands.OFFSPRING, new JsonObject().put("caller", "usr_1")
            .put("parents", new JsonArray().add(spawned.get(0)).add(spawned.get(1))));
          apply.apply(WorldCommands.LINK, new JsonObject().put("caller", "usr_1").put("entity", spawned.get(0))
            .put("agent_id", "agt_1"));
          apply.apply(WorldCommands.ACT, new JsonObject().put("caller", "usr_1").put("entity", spawned.get(0))
            .put("action", "move_toward").put("x", 3.0).put("y", 3.0).put("ticks", 300));
          spawned.add(child);
        }
      }
      world.tick();
      world.events().clear();
    }
    return WorldHash.of(world);
  }

  @Test
  @DisplayName("gives the same hash after 10,000 ticks twice, and once more resumed from a snapshot at 4,000")
  void replay() throws Exception {
    List<Scheduled> commands = recording();
    List<Long> first = new ArrayList<>();
    long straight = run(World.populated(SETTINGS, 21, 200), new Ownership(), commands, first);
    List<Long> second = new ArrayList<>();
    assertThat(run(World.populated(SETTINGS, 21, 200), new Ownership(), commands, second)).isEqualTo(straight);
    assertThat(second).as("the same ids").isEqualTo(first).hasSize(4);

    World halfway = World.populated(SETTINGS, 21, 200);
    Ownership owners = new Ownership();
    List<Long> beforeSnapshot = new ArrayList<>();
    WorldCommands apply = new WorldCommands(new EntityViews(halfway, owners), id -> { });
    for (Scheduled command : commands.subList(0, 2)) {
      while (halfway.tickCount() < command.tick()) {
        halfway.tick();
        halfway.events().clear();
      }
      beforeSnapshot.add(apply.apply(command.kind(), command.body()));
    }
    long child = apply.apply(WorldCommands.OFFSPRING, new JsonObject().put("caller", "usr_1")
      .put("parents", new JsonArray().add(beforeSnapshot.get(0)).add(beforeSnapshot.get(1))));
    apply.apply(WorldCommands.LINK, new JsonObject().put("caller", "usr_1").put("entity", beforeSnapshot.get(0))
      .put("agent_id", "agt_1"));
    apply.apply(WorldCommands.ACT, new JsonObject().put("caller", "usr_1").put("entity", beforeSnapshot.get(0))
      .put("action", "move_toward").put("x", 3.0).put("y", 3.0).put("ticks", 300));
    while (halfway.tickCount() < 4000) {
      halfway.tick();
      halfway.events().clear();
    }
    World resumed = WorldSnapshot.read(WorldSnapshot.write(halfway), SETTINGS);
    Ownership resumedOwners = Ownership.fromJson(owners.toJson());
    assertThat(resumedOwners.agent(beforeSnapshot.get(0))).isEqualTo("agt_1");
    List<Long> after = new ArrayList<>(List.of(beforeSnapshot.get(0), beforeSnapshot.get(1), child));
    assertThat(run(resumed, resumedOwners, commands, after)).isEqualTo(straight);
    assertThat(after).isEqualTo(first);

    List<Long> without = new ArrayList<>();
    assertThat(run(World.populated(SETTINGS, 21, 200), new Ownership(), commands.subList(0, 2), without))
      .as("one command fewer, another world").isNotEqualTo(straight);
  }
}
