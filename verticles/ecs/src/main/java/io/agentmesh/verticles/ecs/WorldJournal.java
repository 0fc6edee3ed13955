package io.agentmesh.verticles.ecs;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The world's writes to PostgreSQL, in the order the tick thread made them, one transaction at a time (batches that
 * queue up while one is written go together in the next). Each transaction first checks, under a share lock on the
 * lease row, that the lease's token is still the writer's: a node that lost the lease writes nothing more, and a
 * new holder's takeover waits for a write already under way. Runs on the verticle's context.
 */
final class WorldJournal {

  private static final Logger LOG = LoggerFactory.getLogger(WorldJournal.class);
  private static final long RETRY_MS = 1000;

  /** The lease moved on: this node must stop running the world. */
  static final class Fenced extends RuntimeException {
    Fenced() {
      super("the world's lease is held by another node now", null, false, false);
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final Deque<JournalBatch> queued = new ArrayDeque<>();
  private long token;
  private boolean writing;
  private boolean fenced;
  private Runnable onFenced = () -> { };
  private Promise<Void> drained;

  WorldJournal(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** A new term of writing under {@code leaseToken}; {@code lost} runs once if the token is found moved on. */
  void begin(long leaseToken, Runnable lost) {
    this.token = leaseToken;
    this.onFenced = lost;
    this.fenced = false;
  }

  /** Queues a batch; must be called on the verticle's context. */
  void submit(JournalBatch batch) {
    if (fenced) {
      batch.refused.forEach(Runnable::run);
      return;
    }
    queued.add(batch);
    writeNext();
  }

  /** Completes when everything submitted so far is written (or refused). */
  Future<Void> drain() {
    if (!writing && queued.isEmpty()) {
      return Future.succeededFuture();
    }
    if (drained == null) {
      drained = Promise.promise();
    }
    return drained.future();
  }

  private void writeNext() {
    if (writing) {
      return;
    }
    if (queued.isEmpty()) {
      if (drained != null) {
        drained.complete();
        drained = null;
      }
      return;
    }
    JournalBatch batch = queued.poll();
    while (!queued.isEmpty()) {
      batch.merge(queued.poll());
    }
    writing = true;
    JournalBatch writingNow = batch;
    pool.withTransaction(conn -> write(conn, writingNow)).onComplete(done -> {
      writing = false;
      if (done.succeeded()) {
        writingNow.written.forEach(Runnable::run);
      } else if (done.cause() instanceof Fenced) {
        fenced = true;
        onFenced.run(); // the term ends before anyone hears of the refusal
        writingNow.refused.forEach(Runnable::run);
        queued.forEach(later -> later.refused.forEach(Runnable::run));
        queued.clear();
      } else {
        LOG.warn("Could not write the world's journal (retrying in {} ms): {}", RETRY_MS, done.cause().toString());
        queued.addFirst(writingNow);
        vertx.setTimer(RETRY_MS, t -> writeNext());
        return;
      }
      writeNext();
    });
  }

  private Future<Void> write(SqlConnection conn, JournalBatch batch) {
    return conn.preparedQuery("SELECT token FROM world_lease WHERE id = 1 FOR SHARE").execute().compose(rows -> {
      if (rows.size() == 0 || rows.iterator().next().getLong("token") != token) {
        return Future.failedFuture(new Fenced());
      }
      List<Future<?>> steps = new ArrayList<>();
      steps.add(batchOf(conn, "INSERT INTO commands (tick, ordinal, kind, body) VALUES ($1, $2, $3, $4) "
        + "ON CONFLICT DO NOTHING", batch.commands, c -> Tuple.of(c.tick(), c.ordinal(), c.kind(), c.body())));
      steps.add(batchOf(conn, "INSERT INTO lineage (entity_id, parent_a, parent_b, generation, birth_tick, owner_id, "
        + "traits) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING", batch.lineage, row -> Tuple.of(
          row.entityId(), row.parentA() == 0 ? null : row.parentA(), row.parentB() == 0 ? null : row.parentB(),
          row.generation(), row.birthTick(), row.ownerId(), boxed(row.traits()))));
      steps.add(batchOf(conn, "UPDATE lineage SET death_tick = $2, death_cause = $3 WHERE entity_id = $1 "
        + "AND death_tick IS NULL", batch.deaths, d -> Tuple.of(d.entityId(), d.tick(), d.cause())));
      steps.add(batchOf(conn, "INSERT INTO events (tick, entity_id, kind, other_id, detail) VALUES ($1, $2, $3, $4, "
        + "$5) ON CONFLICT DO NOTHING", batch.events, e -> Tuple.of(e.tick(), e.entityId(), e.kind(),
          e.otherId() == 0 ? null : e.otherId(), e.detail())));
      if (batch.snapshot != null) {
        JournalBatch.SnapshotRow s = batch.snapshot;
        steps.add(conn.preparedQuery("INSERT INTO snapshots (id, tick, seed, sized_for, population_cap, world, "
            + "owners, births, deaths) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET "
            + "tick = $1, seed = $2, sized_for = $3, population_cap = $4, world = $5, owners = $6, births = $7, "
            + "deaths = $8, taken_at = now()")
          .execute(Tuple.of(s.tick(), s.seed(), s.sizedFor(), s.populationCap(), Buffer.buffer(s.world()),
            s.owners(), s.births(), s.deaths())));
      }
      steps.add(conn.preparedQuery("INSERT INTO world_state (id, speed, paused, written_tick) VALUES (1, $1, $2, $3) "
          + "ON CONFLICT (id) DO UPDATE SET speed = $1, paused = $2, "
          + "written_tick = GREATEST(world_state.written_tick, $3)")
        .execute(Tuple.of(batch.speed, batch.paused, batch.lastTick)));
      return Future.all(steps).mapEmpty();
    });
  }

  private static <T> Future<?> batchOf(SqlConnection conn, String sql, List<T> rows, Function<T, Tuple> tuple) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(sql).executeBatch(rows.stream().map(tuple).toList());
  }

  private static Float[] boxed(float[] values) {
    Float[] boxed = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  /** Where a world resumes: its latest snapshot, if one was ever taken. */
  Future<Optional<JournalBatch.SnapshotRow>> latestSnapshot() {
    return pool.query("SELECT tick, seed, sized_for, population_cap, world, owners, births, deaths FROM snapshots "
      + "WHERE id = 1").execute().map(rows -> {
        if (rows.size() == 0) {
          return Optional.empty();
        }
        Row r = rows.iterator().next();
        return Optional.of(new JournalBatch.SnapshotRow(r.getLong("tick"), r.getLong("seed"),
          r.getInteger("sized_for"), r.getInteger("population_cap"), r.getBuffer("world").getBytes(),
          (JsonObject) r.getValue("owners"), r.getLong("births"), r.getLong("deaths")));
      });
  }

  /** The commands applied at or after {@code tick}, in the order they were applied. */
  Future<List<JournalBatch.StoredCommand>> commandsFrom(long tick) {
    return pool.preparedQuery("SELECT tick, ordinal, kind, body FROM commands WHERE tick >= $1 "
        + "ORDER BY tick, ordinal").execute(Tuple.of(tick))
      .map(rows -> {
        List<JournalBatch.StoredCommand> commands = new ArrayList<>();
        rows.forEach(r -> commands.add(new JournalBatch.StoredCommand(r.getLong("tick"), r.getInteger("ordinal"),
          r.getString("kind"), (JsonObject) r.getValue("body"))));
        return commands;
      });
  }

  /** How the world last ran: speed, paused, and the last tick whose history was written. */
  Future<Optional<Row>> state() {
    return pool.query("SELECT speed, paused, written_tick FROM world_state WHERE id = 1").execute()
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  /** Starts history anew (a reset): the old world's commands, lineage and events go, under the same fence. */
  Future<Void> clear() {
    return pool.withTransaction(conn -> conn.preparedQuery("SELECT token FROM world_lease WHERE id = 1 FOR SHARE")
      .execute().compose(rows -> {
        if (rows.size() == 0 || rows.iterator().next().getLong("token") != token) {
          return Future.failedFuture(new DomainException(ErrorCode.UNAVAILABLE, "The world moved to another node."));
        }
        return conn.query("TRUNCATE commands, lineage, events, snapshots, world_state").execute().mapEmpty();
      }));
  }

  /** Drops events older than {@code hours} (the retention setting). */
  Future<Integer> forgetEventsOlderThan(long hours) {
    return pool.preparedQuery("DELETE FROM events WHERE created_at < now() - $1 * interval '1 hour'")
      .execute(Tuple.of(hours)).map(rows -> rows.rowCount());
  }
}
