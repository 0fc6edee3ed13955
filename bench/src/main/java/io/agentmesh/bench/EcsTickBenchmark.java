package io.agentmesh.bench;

import io.agentmesh.verticles.ecs.world.World;
import io.agentmesh.verticles.ecs.world.WorldSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * A full tick of the ECS world (every system, then births and deaths) at a given population, about two creatures
 * per food cell and per neighbour-radius cell. The world is aged past its first births before measuring and capped
 * at its population, so it stays near that size; the population at the end is printed beside the figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EcsTickBenchmark {

  @Param({"100000", "1000000"})
  public int population;

  private World world;

  @Setup(Level.Trial)
  public void populate() {
    world = World.populated(WorldSettings.forPopulation(population, population), 1, population);
    for (int i = 0; i < 450; i++) { // past the adult age: matings and births under way
      world.tick();
      world.events().clear();
    }
  }

  @Benchmark
  public long tick() {
    world.tick();
    world.events().clear(); // as the world's runner does once it has journaled them
    return world.tickCount();
  }

  @TearDown(Level.Trial)
  public void report() {
    System.out.printf("%nworld population=%d after tick %d%n", world.population(), world.tickCount());
  }
}
