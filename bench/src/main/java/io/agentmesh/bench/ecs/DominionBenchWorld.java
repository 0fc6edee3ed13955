package io.agentmesh.bench.ecs;

import dev.dominion.ecs.api.Dominion;
import dev.dominion.ecs.api.Results;

/**
 * The comparison world on Dominion (dev.dominion.ecs 0.9.0) as its documentation shows: components are plain
 * objects, entities are made with {@code createEntity(components...)}, systems walk
 * {@code findEntitiesWith(types...)}. Neighbour search needs a grid of positions, which Dominion does not have: the
 * social system copies positions into arrays for {@link BenchGrid}, the way a Dominion user would.
 */
final class DominionBenchWorld implements BenchWorld {

  static final class Id {
    final int id;

    Id(int id) {
      this.id = id;
    }
  }

  static final class Genome {
    float size;
    float speed;
    float sociability;
    float curiosity;
    float fertility;
    float longevity;
    float aggression;
    float intelligence;
  }

  static final class Position {
    float x;
    float y;
  }

  static final class Velocity {
    float x;
    float y;
  }

  static final class Energy {
    float value;
  }

  static final class Needs {
    float hunger;
    float social;
  }

  static final class Age {
    int ticks;
  }

  private final Dominion dominion = Dominion.create();
  private final float side;
  private final BenchGrid grid;
  private final float[] out = new float[2];
  private final float[] xs;
  private final float[] ys;
  private final Needs[] needsAt;
  private int tick;

  DominionBenchWorld(int entities) {
    side = BenchRules.side(entities);
    grid = new BenchGrid(side, BenchRules.RADIUS);
    xs = new float[entities];
    ys = new float[entities];
    needsAt = new Needs[entities];
    for (int id = 0; id < entities; id++) {
      Genome genome = new Genome();
      genome.size = BenchRules.unit(id, 10);
      genome.speed = BenchRules.unit(id, 11);
      genome.sociability = BenchRules.unit(id, 12);
      genome.curiosity = BenchRules.unit(id, 13);
      genome.fertility = BenchRules.unit(id, 14);
      genome.longevity = BenchRules.unit(id, 15);
      genome.aggression = BenchRules.unit(id, 16);
      genome.intelligence = BenchRules.unit(id, 17);
      Position position = new Position();
      position.x = BenchRules.unit(id, 1) * side;
      position.y = BenchRules.unit(id, 2) * side;
      Energy energy = new Energy();
      energy.value = 0.5f + BenchRules.unit(id, 3);
      Needs needs = new Needs();
      needs.social = BenchRules.unit(id, 4);
      Age age = new Age();
      age.ticks = (int) (BenchRules.unit(id, 5) * 2000);
      dominion.createEntity(new Id(id), genome, position, new Velocity(), energy, needs, age);
    }
  }

  @Override
  public void metabolism() {
    for (Results.With4<Genome, Velocity, Energy, Needs> r : dominion.findEntitiesWith(Genome.class,
      Velocity.class, Energy.class, Needs.class)) {
      Energy energy = r.comp3();
      Needs needs = r.comp4();
      energy.value = BenchRules.energy(energy.value, r.comp1().size, r.comp2().x, r.comp2().y);
      needs.hunger = BenchRules.hunger(energy.value);
      needs.social = BenchRules.social(needs.social, r.comp1().sociability);
    }
  }

  @Override
  public void movement() {
    tick++;
    for (Results.With4<Id, Genome, Velocity, Position> r : dominion.findEntitiesWith(Id.class, Genome.class,
      Velocity.class, Position.class)) {
      Velocity velocity = r.comp3();
      Position position = r.comp4();
      BenchRules.velocity(r.comp1().id, tick, velocity.x, velocity.y, r.comp2().curiosity, r.comp2().speed, out);
      velocity.x = out[0];
      velocity.y = out[1];
      position.x = BenchRules.wrap(position.x + out[0], side);
      position.y = BenchRules.wrap(position.y + out[1], side);
    }
  }

  @Override
  public void social() {
    int n = 0;
    for (Results.With2<Position, Needs> r : dominion.findEntitiesWith(Position.class, Needs.class)) {
      xs[n] = r.comp1().x;
      ys[n] = r.comp1().y;
      needsAt[n++] = r.comp2();
    }
    grid.rebuild(xs, ys, n);
    for (int k = 0; k < n; k++) {
      int i = grid.inCellOrder(k); // in the grid's order: each search reads memory the last one read
      needsAt[i].social = BenchRules.met(needsAt[i].social, grid.neighbours(i, BenchRules.RADIUS));
    }
  }

  @Override
  public void aging() {
    for (Results.With3<Age, Energy, Genome> r : dominion.findEntitiesWith(Age.class, Energy.class,
      Genome.class)) {
      Age age = r.comp1();
      age.ticks++;
      if (BenchRules.dies(age.ticks, r.comp2().value, r.comp3().longevity)) {
        age.ticks = 0;
        r.comp2().value = 1f;
      }
    }
  }

  @Override
  public long checksum() {
    long sum = 0;
    for (Results.With6<Id, Energy, Position, Needs, Age, Genome> r : dominion.findEntitiesWith(Id.class,
      Energy.class, Position.class, Needs.class, Age.class, Genome.class)) {
      sum += BenchRules.fold(r.comp1().id, r.comp2().value, r.comp3().x, r.comp3().y, r.comp4().social,
        r.comp5().ticks);
    }
    return sum;
  }
}
