package io.agentmesh.verticles.ecs;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.auth.UserDeleted;
import io.agentmesh.contract.ecs.ActRequest;
import io.agentmesh.contract.ecs.EcsAddresses;
import io.agentmesh.contract.ecs.EcsStatus;
import io.agentmesh.contract.ecs.EntityPair;
import io.agentmesh.contract.ecs.EntityQuery;
import io.agentmesh.contract.ecs.LineageQuery;
import io.agentmesh.contract.ecs.LinkRequest;
import io.agentmesh.contract.ecs.MapQuery;
import io.agentmesh.contract.ecs.MateQuery;
import io.agentmesh.contract.ecs.OffspringRequest;
import io.agentmesh.contract.ecs.SpawnRequest;
import io.agentmesh.contract.ecs.WorldControl;
import io.agentmesh.contract.ping.DomainPing;
import io.agentmesh.storage.DomainPool;
import io.agentmesh.verticles.ecs.world.World;
import io.agentmesh.verticles.ecs.world.WorldSettings;
import io.agentmesh.verticles.ecs.world.WorldSnapshot;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The ecs domain: owns schema {@code ecs} and the {@code ecs.*} addresses. Every node with the role campaigns for
 * the world's lease ({@link WorldLease}); the one that holds it resumes the world from PostgreSQL, runs it
 * ({@link WorldRunner}) and serves the addresses, the others wait to take over. Every node offers the tools.
 */
public final class EcsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EcsVerticle.class);
  /** The longest a graceful stop waits for the last snapshot to be written (within the node's shutdown grace). */
  private static final long HANDOVER_MS = 5_000;

  private EcsOptions options;
  private Pool pool;
  private WorldLease lease;
  private WorldJournal journal;
  private LineageStore lineage;
  private String nodeId;
  private long campaignTimer = -1;
  private long heartbeatTimer = -1;
  private long retentionTimer = -1;
  private boolean campaigning;
  /** The term this node leads in, null while it does not. */
  private Term term;

  /** One term of leadership: the token, the running world and the consumers that serve it. */
  private static final class Term {
    final long token;
    final List<MessageConsumer<?>> consumers = new ArrayList<>();
    WorldRunner runner;
    EcsService service;
    long renewedNanos = System.nanoTime();

    Term(long token) {
      this.token = token;
    }
  }

  @Override
  public Future<?> start() {
    options = EcsOptions.fromConfig(config());
    nodeId = config().getString("node_id", "standalone");
    return DomainPool.open(vertx, config(), "ecs").compose(opened -> {
      pool = opened;
      lease = new WorldLease(pool, nodeId + "/" + deploymentID(), options.leaseMs());
      journal = new WorldJournal(vertx, pool);
      lineage = new LineageStore(pool);
      vertx.eventBus().<UserDeleted>consumer(AuthAddresses.USER_DELETED, deleted -> {
        if (term != null && term.service != null) {
          term.service.disown(deleted.body().userId()).onFailure(failure -> LOG.warn(
            "Could not disown the entities of deleted user {}: {}", deleted.body().userId(), failure.toString()));
        }
      });
      return Future.all(EcsTools.serve(vertx), DomainPing.answer(vertx, "ecs", nodeId));
    }).onSuccess(served -> {
      campaignTimer = vertx.setPeriodic(0, Math.max(200, options.leaseMs() / 5), t -> campaign());
      retentionTimer = vertx.setPeriodic(TimeUnit.MINUTES.toMillis(10), t -> forgetOldEvents());
    });
  }

  /** Tries to take the lease while no one holds it; a node that holds it does nothing here. */
  private void campaign() {
    if (term != null || campaigning) {
      return;
    }
    campaigning = true;
    lease.acquire().compose(token -> token.isEmpty() ? Future.succeededFuture() : lead(token.get()))
      .onFailure(failure -> LOG.warn("Could not take up the ECS world: {}", failure.toString()))
      .onComplete(done -> campaigning = false);
  }

  private Future<Void> lead(long token) {
    Term starting = new Term(token);
    term = starting;
    journal.begin(token, () -> lost(starting, "a write found the lease's fencing token moved on"));
    heartbeatTimer = vertx.setPeriodic(Math.max(100, options.leaseMs() / 3), t -> heartbeat(starting));
    LOG.info("This node runs the ECS world now (lease token {})", token);
    return resume(starting).compose(runner -> {
      if (term != starting) {
        return Future.succeededFuture();
      }
      starting.runner = runner;
      return runner.start();
    }).compose(caughtUp -> {
      if (term != starting) {
        return Future.succeededFuture();
      }
      serve(starting);
      return Future.<Void>succeededFuture();
    }).onFailure(failure -> lost(starting, "it could not resume the world: " + failure));
  }

  /** The world as PostgreSQL holds it: the last snapshot and the commands since, or a new world. */
  private Future<WorldRunner> resume(Term resuming) {
    return Future.all(journal.latestSnapshot(), journal.state()).compose(both -> {
      Optional<JournalBatch.SnapshotRow> snapshot = both.resultAt(0);
      Optional<Row> state = both.resultAt(1);
      double speed = state.map(row -> row.getDouble("speed")).orElse(options.speed());
      boolean paused = state.map(row -> row.getBoolean("paused")).orElse(false);
      if (snapshot.isEmpty()) {
        return founded(new WorldRunner.Setup(options.seed(), options.initialPopulation(), options.populationCap()),
          speed, paused);
      }
      JournalBatch.SnapshotRow s = snapshot.get();
      long writtenTick = state.map(row -> row.getLong("written_tick")).orElse(s.tick());
      WorldRunner.Setup setup = new WorldRunner.Setup(s.seed(), s.sizedFor(), s.populationCap());
      return journal.commandsFrom(s.tick()).compose(commands -> vertx.executeBlocking(() -> {
        World world = WorldSnapshot.read(s.world(), settings(setup));
        LOG.info("Resuming the ECS world from its snapshot at tick {}: {} commands to replay, history written to "
          + "tick {}", s.tick(), commands.size(), writtenTick);
        return new WorldRunner(context, options, journal, nodeId, setup, world, Ownership.fromJson(s.owners()),
          s.births(), s.deaths(), commands, writtenTick, speed, paused);
      }, false));
    });
  }

  private Future<WorldRunner> founded(WorldRunner.Setup setup, double speed, boolean paused) {
    return vertx.executeBlocking(() -> {
      LOG.info("Starting a new ECS world: seed {}, {} entities", setup.seed(), setup.sizedFor());
      World world = World.populated(settings(setup), setup.seed(), setup.sizedFor());
      return new WorldRunner(context, options, journal, nodeId, setup, world, new Ownership(), 0, 0, List.of(), 0,
        speed, paused).founding();
    }, false);
  }

  private static WorldSettings settings(WorldRunner.Setup setup) {
    return WorldSettings.forPopulation(Math.max(1, setup.sizedFor()), setup.populationCap());
  }

  private void serve(Term serving) {
    EcsService service = new EcsService(vertx, serving.runner, lineage, control -> reset(serving, control));
    serving.service = service;
    EventBus bus = vertx.eventBus();
    List<MessageConsumer<?>> consumers = serving.consumers;
    consumers.add(RequestConsumers.<ResourceId>serve(bus, EcsAddresses.STATUS, m -> fresh(serving, () ->
      service.status(m))));
    consumers.add(RequestConsumers.<EntityQuery>serve(bus, EcsAddresses.ENTITY_LIST, m -> fresh(serving, () ->
      service.list(m))));
    consumers.add(RequestConsumers.<ResourceId>serve(bus, EcsAddresses.ENTITY_GET, m -> fresh(serving, () ->
      service.get(m))));
    consumers.add(RequestConsumers.<SpawnRequest>serve(bus, EcsAddresses.SPAWN, m -> fresh(serving, () ->
      service.spawn(m))));
    consumers.add(RequestConsumers.<OffspringRequest>serve(bus, EcsAddresses.OFFSPRING, m -> fresh(serving, () ->
      service.offspring(m))));
    consumers.add(RequestConsumers.<MateQuery>serve(bus, EcsAddresses.MATES, m -> fresh(serving, () ->
      service.mates(m))));
    consumers.add(RequestConsumers.<EntityPair>serve(bus, EcsAddresses.COMPATIBILITY, m -> fresh(serving, () ->
      service.compatibility(m))));
    consumers.add(RequestConsumers.<LineageQuery>serve(bus, EcsAddresses.LINEAGE, m -> fresh(serving, () ->
      service.lineage(m))));
    consumers.add(RequestConsumers.<ResourceId>serve(bus, EcsAddresses.MEMORY, m -> fresh(serving, () ->
      service.memory(m))));
    consumers.add(RequestConsumers.<ResourceId>serve(bus, EcsAddresses.RELATIONSHIPS, m -> fresh(serving, () ->
      service.relationships(m))));
    consumers.add(RequestConsumers.<LinkRequest>serve(bus, EcsAddresses.LINK, m -> fresh(serving, () ->
      service.link(m))));
    consumers.add(RequestConsumers.<ActRequest>serve(bus, EcsAddresses.ACT, m -> fresh(serving, () ->
      service.act(m))));
    consumers.add(RequestConsumers.<ActRequest>serve(bus, EcsAddresses.ACT_LINKED, m -> fresh(serving, () ->
      service.act(RequestConsumers.caller(m, Scopes.ECS_WRITE), m.body(), true))));
    consumers.add(RequestConsumers.<ResourceId>serve(bus, EcsAddresses.OBSERVE, m -> fresh(serving, () ->
      service.observe(RequestConsumers.caller(m, Scopes.ECS_READ), m.body().id()))));
    consumers.add(RequestConsumers.<WorldControl>serve(bus, EcsAddresses.CONTROL, m -> fresh(serving, () ->
      service.control(m))));
    consumers.add(RequestConsumers.<MapQuery>serve(bus, EcsAddresses.MAP, m -> fresh(serving, () ->
      service.map(m))));
  }

  /**
   * Serves a request only while this node's lease is surely still its own by its own clock: a node that was
   * paused past its lease answers 503 until its heartbeat finds out, never a view of a world another node runs.
   */
  private Future<?> fresh(Term serving, Supplier<Future<?>> request) {
    long sinceRenewal = System.nanoTime() - serving.renewedNanos;
    if (term != serving || sinceRenewal > TimeUnit.MILLISECONDS.toNanos(options.leaseMs() * 2 / 3)) {
      throw DomainException.retryLater(ErrorCode.UNAVAILABLE, "The world is moving to another node; try again.", 2);
    }
    return request.get();
  }

  private void heartbeat(Term leading) {
    lease.renew(leading.token).onSuccess(held -> {
      if (held) {
        leading.renewedNanos = System.nanoTime();
      } else {
        lost(leading, "its lease was taken over");
      }
    }).onFailure(failure -> LOG.warn("Could not renew the ECS world's lease: {}", failure.toString()));
  }

  /** Stops running the world at once: another node holds it, or it cannot be resumed here. */
  private void lost(Term ending, String why) {
    if (term != ending) {
      return;
    }
    LOG.warn("This node stops running the ECS world: {}", why);
    term = null;
    vertx.cancelTimer(heartbeatTimer);
    ending.consumers.forEach(MessageConsumer::unregister);
    if (ending.runner != null) {
      ending.runner.stop(false);
    }
  }

  /** Administrators: a new world from a seed and a population; the old one's history goes with it. */
  private Future<EcsStatus> reset(Term resetting, WorldControl control) {
    WorldRunner.Setup setup = new WorldRunner.Setup(control.seed() == null ? options.seed() : control.seed(),
      control.population() == null ? options.initialPopulation() : control.population(), options.populationCap());
    resetting.consumers.forEach(MessageConsumer::unregister);
    resetting.consumers.clear();
    return resetting.runner.stop(false)
      .compose(stopped -> journal.clear())
      .compose(cleared -> founded(setup, options.speed(), false))
      .compose(runner -> {
        resetting.runner = runner;
        return runner.start();
      })
      .compose(started -> {
        serve(resetting);
        return resetting.runner.currentStatus();
      })
      .onFailure(failure -> lost(resetting, "the reset failed: " + failure));
  }

  private void forgetOldEvents() {
    if (term != null) {
      journal.forgetEventsOlderThan(options.eventRetentionHours())
        .onFailure(failure -> LOG.warn("Could not drop old ECS events: {}", failure.toString()));
    }
  }

  /** A graceful stop: the world is snapshotted, its journal written, and the lease given up for the next node. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(campaignTimer);
    vertx.cancelTimer(retentionTimer);
    Term ending = term;
    term = null;
    vertx.cancelTimer(heartbeatTimer);
    Future<Void> handedOver = Future.succeededFuture();
    if (ending != null) {
      ending.consumers.forEach(MessageConsumer::unregister);
      // PostgreSQL away: the last snapshot cannot be written; the next leader resumes from the one before
      handedOver = (ending.runner == null ? Future.<Void>succeededFuture() : ending.runner.stop(true))
        .timeout(HANDOVER_MS, TimeUnit.MILLISECONDS)
        .compose(stopped -> lease.release(ending.token))
        .onFailure(failure -> LOG.warn("The ECS world stopped without its last snapshot: {}", failure.toString()))
        .otherwiseEmpty();
    }
    return handedOver.eventually(RequestConsumers::retire).eventually(() -> pool == null
      ? Future.succeededFuture() : pool.close());
  }
}
