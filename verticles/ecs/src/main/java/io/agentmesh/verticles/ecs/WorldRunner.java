package io.agentmesh.verticles.ecs;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.ecs.EcsAddresses;
import io.agentmesh.contract.ecs.EcsStatus;
import io.agentmesh.contract.ecs.WorldEvent;
import io.agentmesh.contract.ecs.WorldEvents;
import io.agentmesh.verticles.ecs.engine.Archetype;
import io.agentmesh.verticles.ecs.world.Components;
import io.agentmesh.verticles.ecs.world.TickEvents;
import io.agentmesh.verticles.ecs.world.Traits;
import io.agentmesh.verticles.ecs.world.World;
import io.agentmesh.verticles.ecs.world.WorldSnapshot;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs one world on a thread of its own (never an event loop): ticks at 20 per real second times the requested
 * speed, as fast as it can up to that; a world that falls more than {@code max_lag_ticks} behind drops the backlog
 * (it slows down rather than spiral). Between two ticks it runs what the API queued: reads (so every answer is of
 * one whole tick) and commands (applied at that tick, acknowledged once the journal has written them). What each
 * tick did goes to the {@link WorldJournal} in batches, a snapshot among them now and then.
 *
 * <p>A runner that resumes a world first re-simulates, without pause, up to the last tick its predecessor wrote,
 * replaying the stored commands at their ticks; only then does it take requests ({@link #caughtUp}).
 */
final class WorldRunner {

  private static final Logger LOG = LoggerFactory.getLogger(WorldRunner.class);
  private static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final int MAX_BACKLOG = 16;
  private static final int MAX_PUBLISHED_EVENTS = 500;
  private static final int MAP_POINTS = 2000;

  /** What a world was made from: its seed, the population its map is sized for, its population cap. */
  record Setup(long seed, int sizedFor, int populationCap) {
  }

  private final Context context;
  private final EcsOptions options;
  private final WorldJournal journal;
  private final String leaderNode;
  private final Setup setup;
  private final World world;
  private final Ownership ownership;
  private final EntityViews views;
  private final WorldCommands commands;
  private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
  private final Deque<JournalBatch.StoredCommand> replay;
  private final long catchUpTo;
  private final AtomicInteger unwritten = new AtomicInteger();
  private final Promise<Void> caughtUp;
  private final Promise<Void> finished;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean finalSnapshot;

  // Touched by the tick thread only.
  private double speed;
  private boolean paused;
  private int stepsLeft;
  private boolean live;
  private long births;
  private long deaths;
  private JournalBatch batch = new JournalBatch();
  private long ordinalTick = -1;
  private int nextOrdinal;
  private long lastSnapshotTick;
  private long lastSnapshotNanos;
  private long lastFlushNanos;
  private long nextStatsNanos;
  private long nextMapNanos;
  private long windowNanos;
  private long windowTick;
  private double achieved;
  private long dayBirths;
  private long dayDeaths;
  private long lastDayBirths = -1;
  private long lastDayDeaths = -1;

  WorldRunner(Context context, EcsOptions options, WorldJournal journal, String leaderNode, Setup setup,
              World world, Ownership ownership, long births, long deaths, List<JournalBatch.StoredCommand> replay,
              long catchUpTo, double speed, boolean paused) {
    this.context = context;
    this.options = options;
    this.journal = journal;
    this.leaderNode = leaderNode;
    this.setup = setup;
    this.world = world;
    this.ownership = ownership;
    this.views = new EntityViews(world, ownership);
    this.commands = new WorldCommands(views, this::spawned);
    this.replay = new ArrayDeque<>(replay);
    this.catchUpTo = catchUpTo;
    this.births = births;
    this.deaths = deaths;
    this.speed = speed;
    this.paused = paused;
    this.lastSnapshotTick = world.tickCount();
    this.caughtUp = Promise.promise();
    this.finished = Promise.promise();
    this.thread = new Thread(this::loop, "ecs-world");
    thread.setDaemon(true);
  }

  /** Records every living entity as born at the start (a world just made) and snapshots it, with the first batch. */
  WorldRunner founding() {
    for (Archetype at : views.creatures().archetypes()) {
      for (int row = 0; row < at.size(); row++) {
        spawned(at.entities()[row]);
      }
    }
    batch.snapshot = snapshot();
    return this;
  }

  /** Starts ticking; the future completes once the world has caught up and takes requests. */
  Future<Void> start() {
    lastSnapshotNanos = System.nanoTime();
    thread.start();
    return caughtUp.future();
  }

  /** A read of the world between two ticks. */
  <T> Future<T> read(Function<EntityViews, T> reader) {
    Promise<T> answer = Promise.promise();
    enqueue(answer, () -> {
      T value = reader.apply(views);
      context.runOnContext(v -> answer.tryComplete(value));
    });
    return answer.future();
  }

  /**
   * A command, applied between two ticks and acknowledged (with {@code view} of its result, read right after it
   * applied) once written. A refused command fails with its reason and is not stored.
   */
  <T> Future<T> command(String kind, JsonObject body, BiFunction<EntityViews, Long, T> view) {
    Promise<T> answer = Promise.promise();
    enqueue(answer, () -> {
      long id = commands.apply(kind, body);
      collect();
      batch.commands.add(new JournalBatch.StoredCommand(world.tickCount(), ordinal(), kind, body));
      T value = view.apply(views, id);
      batch.written.add(() -> answer.tryComplete(value));
      batch.refused.add(() -> answer.tryFail(movedOn()));
    });
    return answer.future();
  }

  /** Run state changes (speed, pause, resume, step): applied at once, acknowledged with the status once written. */
  Future<EcsStatus> control(String action, double newSpeed, int ticks) {
    Promise<EcsStatus> answer = Promise.promise();
    enqueue(answer, () -> {
      switch (action) {
        case "speed" -> speed = newSpeed;
        case "pause" -> paused = true;
        case "resume" -> paused = false;
        case "step" -> {
          if (!paused) {
            throw new DomainException(ErrorCode.CONFLICT, "Pause the world before stepping it.");
          }
          stepsLeft += ticks;
        }
        default -> throw new IllegalArgumentException(action);
      }
      EcsStatus after = status();
      batch.written.add(() -> answer.tryComplete(after));
      batch.refused.add(() -> answer.tryFail(movedOn()));
    });
    return answer.future();
  }

  /** The world's status now, read between ticks. */
  Future<EcsStatus> currentStatus() {
    return read(v -> status());
  }

  /**
   * Stops the tick thread; with {@code snapshot}, the world is snapshotted at its last tick first. Completes once
   * everything it handed the journal is written.
   */
  Future<Void> stop(boolean snapshot) {
    finalSnapshot = snapshot;
    running = false;
    inbox.add(() -> { });
    return finished.future();
  }

  private void enqueue(Promise<?> answer, Runnable job) {
    inbox.add(() -> {
      if (!running) {
        context.runOnContext(v -> answer.tryFail(movedOn()));
        return;
      }
      try {
        job.run();
      } catch (DomainException refused) {
        context.runOnContext(v -> answer.tryFail(refused));
      } catch (RuntimeException e) {
        LOG.error("A request to the world failed", e);
        context.runOnContext(v -> answer.tryFail(new DomainException(ErrorCode.INTERNAL,
          "The world could not answer; quote the request id.")));
      }
    });
  }

  private static DomainException movedOn() {
    return DomainException.retryLater(ErrorCode.UNAVAILABLE, "The world is moving to another node; try again.", 2);
  }

  private void loop() {
    long next = System.nanoTime();
    try {
      while (running) {
        long now = System.nanoTime();
        if (!live) {
          live = catchUpStep(now);
          if (live) {
            next = now;
            windowNanos = now;
            windowTick = world.tickCount();
            context.runOnContext(v -> caughtUp.tryComplete());
          }
          continue;
        }
        Runnable job;
        while ((job = inbox.poll()) != null) {
          job.run();
        }
        now = System.nanoTime();
        long period = (long) (1e9 / (EcsOptions.BASE_TICKS_PER_SECOND * speed));
        if (stepsLeft > 0) {
          stepsLeft--;
          tick(now);
        } else if (!paused && now >= next) {
          tick(now);
          next += period;
          if (now - next > options.maxLagTicks() * period) {
            next = now; // overloaded: slow down rather than spiral
          }
        } else {
          job = inbox.poll(paused ? IDLE_NANOS : Math.min(IDLE_NANOS, next - now), TimeUnit.NANOSECONDS);
          if (job != null) {
            job.run();
          }
        }
        now = System.nanoTime();
        publishIfDue(now);
        flushIfDue(now);
        while (running && unwritten.get() > MAX_BACKLOG) {
          Thread.sleep(5); // the journal is behind (PostgreSQL slow or away): wait for it rather than pile up
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      LOG.error("The world's tick thread failed", t);
    } finally {
      finish();
    }
  }

  /** One step of re-simulation: the replayed commands of this tick, then the tick. True once caught up. */
  private boolean catchUpStep(long now) {
    while (!replay.isEmpty() && replay.peek().tick() == world.tickCount()) {
      JournalBatch.StoredCommand stored = replay.poll();
      try {
        commands.apply(stored.kind(), stored.body());
        collect();
      } catch (RuntimeException e) {
        LOG.warn("Replaying command {} at tick {} failed: {}", stored.kind(), stored.tick(), e.toString());
      }
      ordinalTick = stored.tick();
      nextOrdinal = stored.ordinal() + 1;
    }
    if (world.tickCount() >= catchUpTo && (replay.isEmpty() || replay.peek().tick() < world.tickCount())) {
      replay.clear();
      return true;
    }
    tick(now);
    flushIfDue(System.nanoTime());
    return false;
  }

  private int ordinal() {
    if (ordinalTick != world.tickCount()) {
      ordinalTick = world.tickCount();
      nextOrdinal = 0;
    }
    return nextOrdinal++;
  }

  private void tick(long now) {
    world.tick();
    collect();
    long tick = world.tickCount();
    if (tick % options.ticksPerDay() == 0) {
      lastDayBirths = births - dayBirths;
      lastDayDeaths = deaths - dayDeaths;
      dayBirths = births;
      dayDeaths = deaths;
    }
    if (tick - lastSnapshotTick >= options.snapshotEveryTicks()
      && now - lastSnapshotNanos >= TimeUnit.MILLISECONDS.toNanos(options.snapshotIntervalMs())) {
      batch.snapshot = snapshot();
      lastSnapshotNanos = now;
    }
  }

  private JournalBatch.SnapshotRow snapshot() {
    lastSnapshotTick = world.tickCount();
    return new JournalBatch.SnapshotRow(world.tickCount(), setup.seed(), setup.sizedFor(), setup.populationCap(),
      WorldSnapshot.write(world), ownership.toJson(), births, deaths);
  }

  /** Moves the world's events since the last look into the batch. */
  private void collect() {
    TickEvents events = world.events();
    for (int i = 0; i < events.size(); i++) {
      long entity = events.entity(i);
      switch (events.kind(i)) {
        case TickEvents.BORN -> {
          births++;
          lineage(entity, events.other(i), events.detail(i));
          batch.events.add(new JournalBatch.EventRow(events.tick(i), entity, "born", events.other(i),
            EntityIdFormat.of(events.detail(i))));
        }
        case TickEvents.DIED -> {
          deaths++;
          ownership.died(entity);
          String cause = events.detail(i) == TickEvents.STARVED ? "starved" : "old_age";
          batch.deaths.add(new JournalBatch.DeathRow(entity, events.tick(i), cause));
          batch.events.add(new JournalBatch.EventRow(events.tick(i), entity, "died", 0, cause));
        }
        default -> batch.events.add(new JournalBatch.EventRow(events.tick(i), entity, "mated", events.other(i),
          null));
      }
    }
    events.clear();
  }

  private void spawned(long id) {
    lineage(id, 0, 0);
  }

  private void lineage(long id, long parentA, long parentB) {
    Archetype at = world.store().archetypeOf(id);
    int row = world.store().rowOf(id);
    float[] traits = new float[Traits.COUNT];
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      traits[trait] = at.floats(Components.GENOME)[trait][row];
    }
    batch.lineage.add(new JournalBatch.LineageRow(id, parentA, parentB, at.ints(Components.LINEAGE)[0][row],
      at.longs(Components.LINEAGE)[2][row], ownership.owner(id), traits));
  }

  private void flushIfDue(long now) {
    if (!batch.written.isEmpty() || batch.snapshot != null || now - lastFlushNanos >= FLUSH_NANOS) {
      flush(now);
    }
  }

  private void flush(long now) {
    lastFlushNanos = now;
    if (batch.isEmpty() && batch.lastTick == world.tickCount()) {
      return;
    }
    JournalBatch out = batch;
    batch = new JournalBatch();
    batch.lastTick = world.tickCount();
    out.lastTick = world.tickCount();
    out.speed = speed;
    out.paused = paused;
    out.written.add(unwritten::decrementAndGet);
    out.refused.add(unwritten::decrementAndGet);
    unwritten.incrementAndGet();
    WorldEvents published = live && !out.events.isEmpty() ? published(out) : null;
    context.runOnContext(v -> {
      journal.submit(out);
      if (published != null) {
        context.owner().eventBus().publish(EcsAddresses.WORLD_EVENTS, published);
      }
    });
  }

  private static WorldEvents published(JournalBatch batch) {
    List<WorldEvent> events = new ArrayList<>();
    for (JournalBatch.EventRow row : batch.events.subList(0, Math.min(MAX_PUBLISHED_EVENTS, batch.events.size()))) {
      boolean born = row.kind().equals("born");
      events.add(new WorldEvent(row.tick(), row.kind(), EntityIdFormat.of(row.entityId()),
        EntityIdFormat.of(row.otherId()), born ? row.detail() : null, row.kind().equals("died") ? row.detail()
        : null));
    }
    return new WorldEvents(batch.lastTick, events);
  }

  private void publishIfDue(long now) {
    if (now - windowNanos >= TimeUnit.SECONDS.toNanos(1)) {
      achieved = (world.tickCount() - windowTick) * 1e9 / (now - windowNanos) / EcsOptions.BASE_TICKS_PER_SECOND;
      windowNanos = now;
      windowTick = world.tickCount();
    }
    if (now >= nextStatsNanos) {
      nextStatsNanos = now + (long) (1e9 / options.statsPerSecond());
      EcsStatus status = status();
      context.runOnContext(v -> context.owner().eventBus().publish(EcsAddresses.STATS_EVENTS, status));
    }
    if (options.mapFramesPerSecond() > 0 && now >= nextMapNanos) {
      nextMapNanos = now + (long) (1e9 / options.mapFramesPerSecond());
      var frame = views.map(0, 0, world.settings().width(), world.settings().height(), Traits.SIZE, MAP_POINTS);
      context.runOnContext(v -> context.owner().eventBus().publish(EcsAddresses.MAP_EVENTS, frame));
    }
  }

  private EcsStatus status() {
    long tick = world.tickCount();
    int perDay = options.ticksPerDay();
    double days = (double) tick / perDay;
    long sinceDay = tick % perDay;
    double birthsPerDay = lastDayBirths >= 0 ? lastDayBirths : sinceDay == 0 ? 0 : (births - dayBirths)
      * (double) perDay / sinceDay;
    double deathsPerDay = lastDayDeaths >= 0 ? lastDayDeaths : sinceDay == 0 ? 0 : (deaths - dayDeaths)
      * (double) perDay / sinceDay;
    return new EcsStatus(tick, Math.round(days * 1000) / 1000.0, perDay, paused ? "paused" : "running",
      speed, Math.round(achieved * 100) / 100.0, world.population(), world.settings().populationCap(), births,
      deaths, Math.round(birthsPerDay * 10) / 10.0, Math.round(deathsPerDay * 10) / 10.0, views.meanTraits(),
      setup.seed(), world.settings().width(), world.settings().height(), leaderNode);
  }

  /** The thread's last act: the final snapshot and batch, then whatever was still queued is refused. */
  private void finish() {
    if (finalSnapshot && live) {
      batch.snapshot = snapshot();
    }
    if (live) {
      flush(System.nanoTime());
    }
    Runnable job;
    while ((job = inbox.poll()) != null) {
      job.run();
    }
    context.runOnContext(v -> {
      caughtUp.tryFail(movedOn());
      journal.drain().onComplete(done -> finished.tryComplete());
    });
  }
}
