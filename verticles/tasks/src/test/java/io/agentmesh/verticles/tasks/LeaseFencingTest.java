package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.Principal;
import io.agentmesh.contract.tasks.Task;
import io.agentmesh.contract.tasks.TaskDraft;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.storage.DomainPool;
import io.agentmesh.storage.DomainSchema;
import io.agentmesh.storage.PostgresUrl;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.SharedInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The queue's guarantees against a real PostgreSQL: a worker whose lease lapsed (its node seemed dead) and was
 * given to another cannot write anything any more; the task ends once, with the live worker's output; a task that
 * loses its worker too often fails; a queued task is cancelled at once.
 */
@DisplayName("Leases and fencing of the task queue")
class LeaseFencingTest {

  private static Vertx vertx;
  private static Pool pool;
  private static TaskStore store;
  private static TaskQueue queue;
  private static TaskEventLog log;
  private static final String PRINCIPAL = new Principal("usr_fence", Set.of("user"), Set.of("tasks:run"), null)
    .toHeader();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    PostgresUrl url = new PostgresUrl(SharedInfra.postgresUrl());
    Await.result(DomainSchema.migrate(vertx, url, "tasks"));
    pool = DomainPool.create(vertx, url, "tasks", 4);
    store = new TaskStore(pool);
    queue = new TaskQueue(pool);
    log = new TaskEventLog(pool);
  }

  @AfterAll
  static void stop() throws Exception {
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  @Test
  @DisplayName("a stale worker's event, step and final write are all refused; the live worker's land, once")
  void staleWorkerIsFenced() throws Exception {
    Task task = submit("ses_fence_1", 3);
    TaskQueue.Claimed first = claim(task.id(), "worker-a");
    assertThat(first.lease().attempt()).isEqualTo(1);
    assertThat(first.startEvents()).extracting(TaskEvent::sequence, TaskEvent::type).as("written by the claim")
      .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "task.in_progress"));
    List<TaskEvent> batch = Await.result(events(first.lease(), List.of("task.message.delta", "task.message.delta"),
      List.of(new JsonObject().put("delta", "x"), new JsonObject().put("delta", "y")))).orElseThrow();
    assertThat(batch).extracting(TaskEvent::sequence, TaskEvent::data).as("one write, numbered in order")
      .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, Map.of("delta", "x")),
        org.assertj.core.groups.Tuple.tuple(4L, Map.of("delta", "y")));

    lapse(task.id());
    Await.result(queue.sweep());
    TaskQueue.Claimed second = claim(task.id(), "worker-b");
    assertThat(second.lease().attempt()).isEqualTo(2);

    assertThat(Await.result(events(first.lease(), List.of("task.message.delta"),
      List.of(new JsonObject().put("delta", "stale"))))).isEmpty();
    assertThat(Await.result(log.step(first.lease(), List.of(new JsonObject().put("type", "model_call")),
      List.of(new JsonObject().put("append_key", "k").put("role", "assistant").put("content", "stale"))))).isFalse();
    assertThat(Await.result(log.finish(first.lease(), "completed", "stale output", null, new JsonObject(), null,
      List.of(), List.of(), List.of("task.message.delta"), List.of(new JsonObject().put("delta", "stale")),
      new JsonArray()))).isEmpty();

    List<TaskEvent> ended = Await.result(log.finish(second.lease(), "completed", "live output", null, new JsonObject(),
      null, List.of(), List.of(), List.of("task.message.delta"), List.of(new JsonObject().put("delta", "live")),
      new JsonArray())).orElseThrow();
    assertThat(ended).as("the waiting delta is stored with the end, before it")
      .extracting(TaskEvent::sequence, TaskEvent::type)
      .containsExactly(tuple(7L, "task.message.delta"), tuple(8L, "task.completed"));
    assertThat(Await.result(log.finish(second.lease(), "completed", "twice", null, new JsonObject(), null,
      List.of(), List.of(), List.of(), List.of(), new JsonArray())))
      .as("written once").isEmpty();
    Task done = Await.result(store.get(task.id())).orElseThrow();
    assertThat(done.status()).isEqualTo("completed");
    assertThat(done.output()).isEqualTo("live output");
    List<TaskEvent> events = Await.result(log.eventsAfter(task.id(), 0, 100));
    assertThat(events).extracting(TaskEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(events).extracting(TaskEvent::type).containsExactly("task.queued", "task.in_progress",
      "task.message.delta", "task.message.delta", "task.attempt_restarted", "task.in_progress",
      "task.message.delta", "task.completed");
    assertThat(second.startEvents()).extracting(TaskEvent::sequence).containsExactly(5L, 6L);
    assertThat(events.get(7).attempt()).isEqualTo(2);
    assertThat(Await.result(pool.preparedQuery("SELECT count(*) AS n FROM outbox WHERE task_id = $1")
      .execute(Tuple.of(task.id()))).iterator().next().getLong("n")).as("the stale step wrote no message").isZero();
  }

  @Test
  @DisplayName("one statement stores several attempts' events, each numbered on its own; a fenced one stores none")
  void eventsOfManyAttempts() throws Exception {
    TaskQueue.Claimed a = claim(submit("ses_fence_6", 3).id(), "worker-m");
    TaskQueue.Claimed b = claim(submit("ses_fence_7", 3).id(), "worker-m");
    TaskQueue.Claimed c = claim(submit("ses_fence_8", 3).id(), "worker-m");
    lapse(c.task().id());
    Await.result(queue.sweep());
    claim(c.task().id(), "worker-n"); // c's first lease is stale now

    List<List<TaskEvent>> stored = Await.result(log.events(List.of(
      new TaskEventLog.EventBatch(a.lease(), List.of("task.message.delta", "task.message.delta"),
        List.of(new JsonObject().put("delta", "a1"), new JsonObject().put("delta", "a2"))),
      new TaskEventLog.EventBatch(c.lease(), List.of("task.message.delta"), List.of(new JsonObject().put("delta",
        "c1"))),
      new TaskEventLog.EventBatch(b.lease(), List.of("task.message.delta"), List.of(new JsonObject().put("delta",
        "b1"))))));

    assertThat(stored.get(0)).extracting(TaskEvent::sequence, event -> event.data().get("delta"))
      .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "a1"), org.assertj.core.groups.Tuple.tuple(4L, "a2"));
    assertThat(stored.get(1)).as("fenced out").isNull();
    assertThat(stored.get(2)).extracting(TaskEvent::sequence).containsExactly(3L);
    assertThat(Await.result(log.eventsAfter(c.task().id(), 0, 100))).extracting(TaskEvent::type)
      .doesNotContain("task.message.delta");
  }

  @Test
  @DisplayName("a task that loses its worker max_attempts times fails with a task.failed event")
  void lostTooOften() throws Exception {
    Task task = submit("ses_fence_2", 1);
    claim(task.id(), "worker-a");
    lapse(task.id());
    List<TaskEvent> ended = Await.result(queue.sweep());
    assertThat(ended).extracting(TaskEvent::taskId, TaskEvent::type).contains(
      org.assertj.core.groups.Tuple.tuple(task.id(), "task.failed"));
    Task failed = Await.result(store.get(task.id())).orElseThrow();
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.error().code()).isEqualTo("internal");
  }

  @Test
  @DisplayName("cancelling a queued task ends it at once; a running one becomes cancelling; an idempotency key "
    + "returns the first task")
  void cancelAndIdempotency() throws Exception {
    Task queued = submit("ses_fence_3", 3);
    assertThat(Await.result(store.cancel(queued.id())).task().status()).isEqualTo("cancelled");
    Task running = submit("ses_fence_4", 3);
    claim(running.id(), "worker-a");
    assertThat(Await.result(store.cancel(running.id())).task().status()).isEqualTo("cancelling");

    TaskDraft keyed = new TaskDraft("ses_fence_5", "hello", null, null, Map.of(), "key-1");
    Task original = Await.result(queue.insert(keyed, "usr_fence", PRINCIPAL, "agt_fence", 4, 3, 3600, null, 0)).task();
    TaskQueue.Submitted repeated = Await.result(queue.insert(keyed, "usr_fence", PRINCIPAL, "agt_fence", 4, 3, 3600,
      "worker-a", 60_000));
    assertThat(repeated.task().id()).isEqualTo(original.id());
    assertThat(repeated.started()).as("a repeated submission starts nothing").isEmpty();
  }

  @Test
  @DisplayName("a task submitted to a worker with room starts in its own insert, unless its session has a task")
  void startsAtSubmission() throws Exception {
    TaskQueue.Submitted first = Await.result(queue.insert(draft("ses_fence_9"), "usr_fence", PRINCIPAL, "agt_fence", 4,
      3,
      3600, "worker-d", 60_000));
    assertThat(first.task().status()).as("answered as accepted").isEqualTo("queued");
    TaskQueue.Claimed started = first.started().orElseThrow();
    assertThat(started.lease()).isEqualTo(new TaskQueue.Lease(first.task().id(), 1, "worker-d"));
    assertThat(started.startEvents()).extracting(TaskEvent::sequence, TaskEvent::type)
      .containsExactly(tuple(2L, "task.in_progress"));
    assertThat(Await.result(store.get(first.task().id())).orElseThrow().status()).isEqualTo("in_progress");
    assertThat(Await.result(events(started.lease(), List.of("task.message.delta"), List.of(new JsonObject().put("delta",
      "x")))).orElseThrow()).extracting(TaskEvent::sequence).as("the lease is the worker's").containsExactly(3L);

    TaskQueue.Submitted second = Await.result(queue.insert(draft("ses_fence_9"), "usr_fence", PRINCIPAL, "agt_fence",
      4, 3,
      3600, "worker-d", 60_000));
    assertThat(second.started()).as("its session runs a task").isEmpty();
    assertThat(Await.result(store.get(second.task().id())).orElseThrow().status()).isEqualTo("queued");
    assertThat(Await.result(log.eventsAfter(first.task().id(), 0, 10))).extracting(TaskEvent::type)
      .containsExactly("task.queued", "task.in_progress", "task.message.delta");
  }

  @Test
  @DisplayName("a claim starts one task of a session, the oldest, when several of it are queued")
  void oneClaimPerSession() throws Exception {
    Task older = submit("ses_fence_11", 3);
    Task newer = submit("ses_fence_11", 3);
    List<String> claimed = Await.result(queue.claim("worker-s", 10, 60_000)).stream().map(c -> c.task().id()).toList();
    assertThat(claimed).contains(older.id()).doesNotContain(newer.id());
    assertThat(Await.result(store.get(newer.id())).orElseThrow().status()).isEqualTo("queued");
  }

  @Test
  @DisplayName("two nodes starting tasks of one session at the same instant: the second is refused and queues")
  void oneRunningTaskPerSession() throws Exception {
    SqlConnection racer = Await.result(pool.getConnection());
    try {
      // The racer's task is not committed yet: the insert's snapshot cannot see it, only the index can.
      Transaction tx = Await.result(racer.begin());
      Await.result(racer.preparedQuery(
        "INSERT INTO tasks (id, user_id, principal, agent_id, session_id, input, max_steps, "
        + "status, attempt, lease_owner, max_attempts) VALUES ('tsk_racer', 'usr_fence', $1, 'agt_fence', "
        + "'ses_fence_10', 'hi', 4, 'in_progress', 1, 'worker-x', 3)").execute(Tuple.of(PRINCIPAL)));
      Future<TaskQueue.Submitted> mine = queue.insert(draft("ses_fence_10"), "usr_fence", PRINCIPAL, "agt_fence",
        4, 3, 3600, "worker-y", 60_000);
      awaitWaitingOnLock(); // the insert waits on the racer's index entry
      Await.result(tx.commit());
      TaskQueue.Submitted queued = Await.result(mine);
      assertThat(queued.started()).isEmpty();
      assertThat(Await.result(store.get(queued.task().id())).orElseThrow().status()).isEqualTo("queued");
    } finally {
      Await.result(racer.close());
    }
  }

  private static Task submit(String session, int maxAttempts) throws Exception {
    return Await.result(queue.insert(draft(session), "usr_fence", PRINCIPAL, "agt_fence", 4, maxAttempts, 3600, null,
      0))
      .task();
  }

  private static TaskDraft draft(String session) {
    return new TaskDraft(session, "hello", null, null, Map.of(), null);
  }

  /** Claims until this task is among the claimed (other tests' tasks may be claimed along). */
  private static TaskQueue.Claimed claim(String id, String owner) throws Exception {
    return Await.eventually(() -> Await.result(queue.claim(owner, 10, 60_000)).stream()
      .filter(claimed -> claimed.task().id().equals(id)).findFirst(), Optional::isPresent).orElseThrow();
  }

  /** Until PostgreSQL reports a statement of this test's pool blocked on a lock (each check is a round trip). */
  private static void awaitWaitingOnLock() throws Exception {
    Await.eventually(() -> Await.result(pool.query("SELECT count(*) AS n FROM pg_stat_activity "
      + "WHERE wait_event_type = 'Lock' AND query LIKE 'WITH go AS%'").execute()).iterator().next().getLong("n"),
      waiting -> waiting > 0);
  }

  /** One attempt's events through the store's batch statement; empty when fenced out. */
  private static Future<Optional<List<TaskEvent>>> events(TaskQueue.Lease lease, List<String> types,
                                                                    List<JsonObject> data) {
    return log.events(List.of(new TaskEventLog.EventBatch(lease, types, data)))
      .map(stored -> Optional.ofNullable(stored.get(0)));
  }

  private static void lapse(String id) throws Exception {
    Await.result(pool.preparedQuery("UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1")
      .execute(Tuple.of(id)));
  }
}
