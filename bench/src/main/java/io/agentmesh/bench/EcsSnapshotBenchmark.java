package io.agentmesh.bench;

import io.agentmesh.verticles.ecs.world.World;
import io.agentmesh.verticles.ecs.world.WorldSettings;
import io.agentmesh.verticles.ecs.world.WorldSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** A world of 100,000 entities (aged past its first births) written to its snapshot form, and read back. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EcsSnapshotBenchmark {

  @Param({"100000"})
  public int population;

  private WorldSettings settings;
  private World world;
  private byte[] snapshot;

  @Setup(Level.Trial)
  public void populate() {
    settings = WorldSettings.forPopulation(population, population);
    world = World.populated(settings, 1, population);
    for (int i = 0; i < 450; i++) {
      world.tick();
      world.events().clear();
    }
    snapshot = WorldSnapshot.write(world);
    System.out.printf("%nsnapshot of %d entities: %d bytes%n", world.population(), snapshot.length);
  }

  @Benchmark
  public byte[] write() {
    return WorldSnapshot.write(world);
  }

  @Benchmark
  public World read() throws IOException {
    return WorldSnapshot.read(snapshot, settings);
  }
}
