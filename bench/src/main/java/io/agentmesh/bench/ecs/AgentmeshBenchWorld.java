package io.agentmesh.bench.ecs;

import io.agentmesh.verticles.ecs.engine.Archetype;
import io.agentmesh.verticles.ecs.engine.ComponentType;
import io.agentmesh.verticles.ecs.engine.EntityStore;
import io.agentmesh.verticles.ecs.engine.Query;
import io.agentmesh.verticles.ecs.engine.SpatialGrid;

import java.util.List;

/** The comparison world on the platform's engine: archetypes of primitive columns, walked column by column. */
final class AgentmeshBenchWorld implements BenchWorld, SpatialGrid.Visitor {

  private static final ComponentType ID = new ComponentType(0, "Id", 0, 1, 0);
  private static final ComponentType GENOME = new ComponentType(1, "Genome", BenchRules.TRAITS, 0, 0);
  private static final ComponentType POSITION = new ComponentType(2, "Position", 2, 0, 0);
  private static final ComponentType VELOCITY = new ComponentType(3, "Velocity", 2, 0, 0);
  private static final ComponentType ENERGY = new ComponentType(4, "Energy", 1, 0, 0);
  private static final ComponentType NEEDS = new ComponentType(5, "Needs", 2, 0, 0);
  private static final ComponentType AGE = new ComponentType(6, "Age", 0, 1, 0);
  private static final long ALL = ID.bit() | GENOME.bit() | POSITION.bit() | VELOCITY.bit() | ENERGY.bit()
    | NEEDS.bit() | AGE.bit();

  private final EntityStore store = new EntityStore(List.of(ID, GENOME, POSITION, VELOCITY, ENERGY, NEEDS, AGE));
  private final Query all = store.query(ALL);
  private final float side;
  private final SpatialGrid grid;
  private final float[] out = new float[2];
  private int[] order = new int[0];
  private int socials;
  private int tick;
  private int contacts;

  AgentmeshBenchWorld(int entities) {
    side = BenchRules.side(entities);
    grid = new SpatialGrid(side, side, BenchRules.RADIUS);
    for (int id = 0; id < entities; id++) {
      long entity = store.spawn(ALL);
      Archetype at = store.archetypeOf(entity);
      int row = store.rowOf(entity);
      at.ints(ID)[0][row] = id;
      for (int trait = 0; trait < BenchRules.TRAITS; trait++) {
        at.floats(GENOME)[trait][row] = BenchRules.unit(id, 10 + trait);
      }
      at.floats(POSITION)[0][row] = BenchRules.unit(id, 1) * side;
      at.floats(POSITION)[1][row] = BenchRules.unit(id, 2) * side;
      at.floats(ENERGY)[0][row] = 0.5f + BenchRules.unit(id, 3);
      at.floats(NEEDS)[1][row] = BenchRules.unit(id, 4);
      at.ints(AGE)[0][row] = (int) (BenchRules.unit(id, 5) * 2000);
    }
  }

  @Override
  public void metabolism() {
    for (Archetype at : all.archetypes()) {
      float[] size = at.floats(GENOME)[BenchRules.SIZE];
      float[] sociability = at.floats(GENOME)[BenchRules.SOCIABILITY];
      float[] vx = at.floats(VELOCITY)[0];
      float[] vy = at.floats(VELOCITY)[1];
      float[] energy = at.floats(ENERGY)[0];
      float[] hunger = at.floats(NEEDS)[0];
      float[] social = at.floats(NEEDS)[1];
      for (int row = 0; row < at.size(); row++) {
        energy[row] = BenchRules.energy(energy[row], size[row], vx[row], vy[row]);
        hunger[row] = BenchRules.hunger(energy[row]);
        social[row] = BenchRules.social(social[row], sociability[row]);
      }
    }
  }

  @Override
  public void movement() {
    tick++;
    for (Archetype at : all.archetypes()) {
      int[] ids = at.ints(ID)[0];
      float[] curiosity = at.floats(GENOME)[BenchRules.CURIOSITY];
      float[] speed = at.floats(GENOME)[BenchRules.SPEED];
      float[] vx = at.floats(VELOCITY)[0];
      float[] vy = at.floats(VELOCITY)[1];
      float[] x = at.floats(POSITION)[0];
      float[] y = at.floats(POSITION)[1];
      for (int row = 0; row < at.size(); row++) {
        BenchRules.velocity(ids[row], tick, vx[row], vy[row], curiosity[row], speed[row], out);
        vx[row] = out[0];
        vy[row] = out[1];
        x[row] = BenchRules.wrap(x[row] + out[0], side);
        y[row] = BenchRules.wrap(y[row] + out[1], side);
      }
    }
  }

  @Override
  public void social() {
    if (socials++ % 64 == 0) { // rows in the order of their place on the map, as the world does
      for (Archetype at : all.archetypes()) {
        order = order.length < at.size() ? new int[at.size()] : order;
        grid.cellOrder(at, POSITION, order);
        store.reorder(at, order);
      }
    }
    grid.rebuild(all, POSITION);
    for (Archetype at : all.archetypes()) {
      float[] x = at.floats(POSITION)[0];
      float[] y = at.floats(POSITION)[1];
      float[] social = at.floats(NEEDS)[1];
      for (int row = 0; row < at.size(); row++) {
        contacts = -1; // the entity itself is among those found
        grid.near(x[row], y[row], BenchRules.RADIUS, this);
        social[row] = BenchRules.met(social[row], contacts);
      }
    }
  }

  @Override
  public void visit(long id, Archetype archetype, int row, float distanceSquared) {
    contacts++;
  }

  @Override
  public void aging() {
    for (Archetype at : all.archetypes()) {
      int[] age = at.ints(AGE)[0];
      float[] energy = at.floats(ENERGY)[0];
      float[] longevity = at.floats(GENOME)[BenchRules.LONGEVITY];
      for (int row = 0; row < at.size(); row++) {
        age[row]++;
        if (BenchRules.dies(age[row], energy[row], longevity[row])) {
          age[row] = 0;
          energy[row] = 1f;
        }
      }
    }
  }

  @Override
  public long checksum() {
    long sum = 0;
    for (Archetype at : all.archetypes()) {
      for (int row = 0; row < at.size(); row++) {
        sum += BenchRules.fold(at.ints(ID)[0][row], at.floats(ENERGY)[0][row], at.floats(POSITION)[0][row],
          at.floats(POSITION)[1][row], at.floats(NEEDS)[1][row], at.ints(AGE)[0][row]);
      }
    }
    return sum;
  }
}
