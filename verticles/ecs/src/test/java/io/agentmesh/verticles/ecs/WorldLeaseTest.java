package io.agentmesh.verticles.ecs;

import io.agentmesh.storage.DomainPool;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.SharedInfra;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The world's lease and the fence on its writes, against PostgreSQL. */
@DisplayName("The world's lease")
class WorldLeaseTest {

  private static Vertx vertx;
  private static Pool pool;
  private static Context context;

  @BeforeAll
  static void open() throws Exception {
    vertx = Vertx.vertx();
    JsonObject config = new JsonObject().put("postgres", new JsonObject().put("url", SharedInfra.postgresUrl())
      .put("pool_size", 4));
    pool = Await.result(DomainPool.open(vertx, config, "ecs"));
    context = vertx.getOrCreateContext();
  }

  @AfterAll
  static void close() throws Exception {
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  private static JournalBatch batchWithCommand(long tick) {
    JournalBatch batch = new JournalBatch();
    batch.commands.add(new JournalBatch.StoredCommand(tick, 0, WorldCommands.SPAWN, new JsonObject()
      .put("caller", "usr_1")));
    batch.lastTick = tick;
    batch.speed = 1;
    return batch;
  }

  /** Submits on the context as the tick thread does; completes true once written, false if refused. */
  private static Future<Boolean> submit(WorldJournal journal, JournalBatch batch) {
    Promise<Boolean> outcome = Promise.promise();
    batch.written.add(() -> outcome.tryComplete(true));
    batch.refused.add(() -> outcome.tryComplete(false));
    context.runOnContext(v -> journal.submit(batch));
    return outcome.future();
  }

  private static long commandsAt(long tick) throws Exception {
    return Await.result(pool.query("SELECT count(*) FROM commands WHERE tick = " + tick).execute())
      .iterator().next().getLong(0);
  }

  @Test
  @DisplayName("goes to one node at a time with a new token; the old holder's writes are refused once it moved")
  void fencing() throws Exception {
    Await.result(pool.query("DELETE FROM world_lease").execute());
    WorldLease first = new WorldLease(pool, "node-a/1", 300);
    WorldLease second = new WorldLease(pool, "node-b/1", 300);
    long firstToken = Await.result(first.acquire()).orElseThrow();
    assertThat(Await.result(second.acquire())).as("held, not lapsed").isEqualTo(Optional.empty());
    assertThat(Await.result(first.renew(firstToken))).isTrue();

    AtomicBoolean firstLost = new AtomicBoolean();
    WorldJournal firstJournal = new WorldJournal(vertx, pool);
    firstJournal.begin(firstToken, () -> firstLost.set(true));
    assertThat(Await.result(submit(firstJournal, batchWithCommand(1_000_001)))).as("the holder writes").isTrue();

    Await.eventually(() -> Await.result(second.acquire()), Optional::isPresent);
    long secondToken = Await.result(pool.query("SELECT token FROM world_lease").execute()).iterator().next()
      .getLong(0);
    assertThat(secondToken).isEqualTo(firstToken + 1);
    assertThat(Await.result(first.renew(firstToken))).as("the old holder's heartbeat fails").isFalse();

    assertThat(Await.result(submit(firstJournal, batchWithCommand(1_000_002)))).as("fenced").isFalse();
    assertThat(firstLost).isTrue();
    assertThat(commandsAt(1_000_002)).as("nothing of the fenced write").isZero();
    assertThat(Await.result(submit(firstJournal, batchWithCommand(1_000_003)))).as("stays fenced").isFalse();

    WorldJournal secondJournal = new WorldJournal(vertx, pool);
    secondJournal.begin(secondToken, () -> { });
    assertThat(Await.result(submit(secondJournal, batchWithCommand(1_000_002)))).isTrue();
    assertThat(commandsAt(1_000_002)).isEqualTo(1);
    assertThat(commandsAt(1_000_001)).as("the first holder's write, from its term, stays").isEqualTo(1);

    Await.result(second.release(secondToken));
    assertThat(Await.result(first.acquire())).as("released: taken at once").isPresent();
  }
}
