package io.agentmesh.bench.ecs;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The same four systems on three engines (the platform's, Dominion, Artemis-odb), each system alone and a whole
 * tick, at 100,000 and 1,000,000 entities (density {@link BenchRules#DENSITY} per square unit, perception radius
 * {@link BenchRules#RADIUS}: about 3.5 neighbours each). Before measuring, each world runs {@link #CHECK_TICKS}
 * ticks and prints a checksum of its state: equal across the engines, or they did not compute the same thing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class EcsCompareBenchmark {

  static final int CHECK_TICKS = 30;

  @Param({"agentmesh", "dominion", "artemis"})
  public String engine;

  @Param({"100000", "1000000"})
  public int entities;

  private BenchWorld world;

  @Setup(Level.Trial)
  public void create() {
    world = create(engine, entities);
    for (int i = 0; i < CHECK_TICKS; i++) {
      world.tick();
    }
    System.out.printf("%nECS-CHECKSUM engine=%s entities=%d ticks=%d checksum=%016x%n", engine, entities,
      CHECK_TICKS, world.checksum());
  }

  static BenchWorld create(String engine, int entities) {
    return switch (engine) {
      case "agentmesh" -> new AgentmeshBenchWorld(entities);
      case "dominion" -> new DominionBenchWorld(entities);
      case "artemis" -> new ArtemisBenchWorld(entities);
      default -> throw new IllegalArgumentException(engine);
    };
  }

  @Benchmark
  public void tick() {
    world.tick();
  }

  @Benchmark
  public void metabolism() {
    world.metabolism();
  }

  @Benchmark
  public void movement() {
    world.movement();
  }

  @Benchmark
  public void social() {
    world.social();
  }

  @Benchmark
  public void aging() {
    world.aging();
  }
}
