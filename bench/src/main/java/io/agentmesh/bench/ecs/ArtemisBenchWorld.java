package io.agentmesh.bench.ecs;

import com.artemis.BaseEntitySystem;
import com.artemis.Component;
import com.artemis.ComponentMapper;
import com.artemis.World;
import com.artemis.WorldConfigurationBuilder;
import com.artemis.annotations.All;
import com.artemis.systems.IteratingSystem;
import com.artemis.utils.IntBag;

/**
 * The comparison world on Artemis-odb 2.3.0 as its documentation shows: components extend {@code Component},
 * systems are {@code IteratingSystem}s over an {@code @All} aspect with injected {@code ComponentMapper}s, and
 * {@code World.process()} runs them in order. The social system copies positions into arrays for
 * {@link BenchGrid}: Artemis has no spatial index either.
 */
final class ArtemisBenchWorld implements BenchWorld {

  public static final class Id extends Component {
    public int id;
  }

  public static final class Genome extends Component {
    public float size;
    public float speed;
    public float sociability;
    public float curiosity;
    public float fertility;
    public float longevity;
    public float aggression;
    public float intelligence;
  }

  public static final class Position extends Component {
    public float x;
    public float y;
  }

  public static final class Velocity extends Component {
    public float x;
    public float y;
  }

  public static final class Energy extends Component {
    public float value;
  }

  public static final class Needs extends Component {
    public float hunger;
    public float social;
  }

  public static final class Age extends Component {
    public int ticks;
  }

  @All({Genome.class, Velocity.class, Energy.class, Needs.class})
  public static final class MetabolismSystem extends IteratingSystem {
    ComponentMapper<Genome> genomes;
    ComponentMapper<Velocity> velocities;
    ComponentMapper<Energy> energies;
    ComponentMapper<Needs> needs;

    @Override
    protected void process(int entity) {
      Genome genome = genomes.get(entity);
      Velocity velocity = velocities.get(entity);
      Energy energy = energies.get(entity);
      Needs need = needs.get(entity);
      energy.value = BenchRules.energy(energy.value, genome.size, velocity.x, velocity.y);
      need.hunger = BenchRules.hunger(energy.value);
      need.social = BenchRules.social(need.social, genome.sociability);
    }
  }

  @All({Id.class, Genome.class, Velocity.class, Position.class})
  public static final class MovementSystem extends IteratingSystem {
    ComponentMapper<Id> ids;
    ComponentMapper<Genome> genomes;
    ComponentMapper<Velocity> velocities;
    ComponentMapper<Position> positions;
    private final float[] out = new float[2];
    float side;
    int tick;

    @Override
    protected void begin() {
      tick++;
    }

    @Override
    protected void process(int entity) {
      Genome genome = genomes.get(entity);
      Velocity velocity = velocities.get(entity);
      Position position = positions.get(entity);
      BenchRules.velocity(ids.get(entity).id, tick, velocity.x, velocity.y, genome.curiosity, genome.speed, out);
      velocity.x = out[0];
      velocity.y = out[1];
      position.x = BenchRules.wrap(position.x + out[0], side);
      position.y = BenchRules.wrap(position.y + out[1], side);
    }
  }

  @All({Position.class, Needs.class})
  public static final class SocialSystem extends BaseEntitySystem {
    ComponentMapper<Position> positions;
    ComponentMapper<Needs> needs;
    BenchGrid grid;
    float[] xs = new float[0];
    float[] ys = new float[0];

    @Override
    protected void processSystem() {
      IntBag entities = getEntityIds();
      int[] ids = entities.getData();
      int n = entities.size();
      if (xs.length < n) {
        xs = new float[n];
        ys = new float[n];
      }
      for (int i = 0; i < n; i++) {
        Position position = positions.get(ids[i]);
        xs[i] = position.x;
        ys[i] = position.y;
      }
      grid.rebuild(xs, ys, n);
      for (int k = 0; k < n; k++) {
        int i = grid.inCellOrder(k); // in the grid's order: each search reads memory the last one read
        Needs need = needs.get(ids[i]);
        need.social = BenchRules.met(need.social, grid.neighbours(i, BenchRules.RADIUS));
      }
    }
  }

  @All({Age.class, Energy.class, Genome.class})
  public static final class AgingSystem extends IteratingSystem {
    ComponentMapper<Age> ages;
    ComponentMapper<Energy> energies;
    ComponentMapper<Genome> genomes;

    @Override
    protected void process(int entity) {
      Age age = ages.get(entity);
      Energy energy = energies.get(entity);
      age.ticks++;
      if (BenchRules.dies(age.ticks, energy.value, genomes.get(entity).longevity)) {
        age.ticks = 0;
        energy.value = 1f;
      }
    }
  }

  private final MetabolismSystem metabolism = new MetabolismSystem();
  private final MovementSystem movement = new MovementSystem();
  private final SocialSystem social = new SocialSystem();
  private final AgingSystem aging = new AgingSystem();
  private final World world;

  ArtemisBenchWorld(int entities) {
    float side = BenchRules.side(entities);
    movement.side = side;
    social.grid = new BenchGrid(side, BenchRules.RADIUS);
    world = new World(new WorldConfigurationBuilder().with(metabolism, movement, social, aging).build());
    ComponentMapper<Id> ids = world.getMapper(Id.class);
    ComponentMapper<Genome> genomes = world.getMapper(Genome.class);
    ComponentMapper<Position> positions = world.getMapper(Position.class);
    ComponentMapper<Velocity> velocities = world.getMapper(Velocity.class);
    ComponentMapper<Energy> energies = world.getMapper(Energy.class);
    ComponentMapper<Needs> needs = world.getMapper(Needs.class);
    ComponentMapper<Age> ages = world.getMapper(Age.class);
    for (int id = 0; id < entities; id++) {
      int e = world.create();
      ids.create(e).id = id;
      Genome genome = genomes.create(e);
      genome.size = BenchRules.unit(id, 10);
      genome.speed = BenchRules.unit(id, 11);
      genome.sociability = BenchRules.unit(id, 12);
      genome.curiosity = BenchRules.unit(id, 13);
      genome.fertility = BenchRules.unit(id, 14);
      genome.longevity = BenchRules.unit(id, 15);
      genome.aggression = BenchRules.unit(id, 16);
      genome.intelligence = BenchRules.unit(id, 17);
      Position position = positions.create(e);
      position.x = BenchRules.unit(id, 1) * side;
      position.y = BenchRules.unit(id, 2) * side;
      velocities.create(e);
      energies.create(e).value = 0.5f + BenchRules.unit(id, 3);
      needs.create(e).social = BenchRules.unit(id, 4);
      ages.create(e).ticks = (int) (BenchRules.unit(id, 5) * 2000);
    }
    // a first process with every system off lets the world take in the new entities (Artemis does it there)
    setEnabled(false);
    world.process();
    setEnabled(true);
  }

  private void setEnabled(boolean enabled) {
    metabolism.setEnabled(enabled);
    movement.setEnabled(enabled);
    social.setEnabled(enabled);
    aging.setEnabled(enabled);
  }

  @Override
  public void metabolism() {
    metabolism.process();
  }

  @Override
  public void movement() {
    movement.process();
  }

  @Override
  public void social() {
    social.process();
  }

  @Override
  public void aging() {
    aging.process();
  }

  @Override
  public void tick() {
    world.process();
  }

  @Override
  public long checksum() {
    long sum = 0;
    IntBag entities = social.getEntityIds(); // every entity has every component
    ComponentMapper<Id> ids = world.getMapper(Id.class);
    ComponentMapper<Energy> energies = world.getMapper(Energy.class);
    ComponentMapper<Position> positions = world.getMapper(Position.class);
    ComponentMapper<Needs> needs = world.getMapper(Needs.class);
    ComponentMapper<Age> ages = world.getMapper(Age.class);
    for (int i = 0; i < entities.size(); i++) {
      int e = entities.get(i);
      sum += BenchRules.fold(ids.get(e).id, energies.get(e).value, positions.get(e).x, positions.get(e).y,
        needs.get(e).social, ages.get(e).ticks);
    }
    return sum;
  }
}
