package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.tasks.Task;
import io.agentmesh.contract.tasks.TaskDraft;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.storage.RowIds;
import io.agentmesh.storage.RowValues;
import io.agentmesh.storage.UniqueViolation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The run queue in the tasks table: submission (with a start in the same statement when a worker has room), claims,
 * leases renewed by heartbeat, releases (charged to the task's attempts or not) and the sweeper of lapsed leases.
 * A {@link Lease} fences every write an attempt makes: a worker that lost it (paused, partitioned, declared dead)
 * changes nothing that the attempt which replaced it wrote.
 */
final class TaskQueue {

  /** What fences a worker's writes: the task, the attempt it runs, and the worker holding the lease. */
  record Lease(String taskId, int attempt, String owner) {
  }

  /**
   * A claimed task, what the worker needs to run its attempt. {@code charged}: the attempts that count against
   * {@code max_attempts}, this one included; {@code unavailableSince}: when the task began waiting for a domain that
   * no node served, or null.
   */
  record Claimed(Task task, String principal, JsonObject overrides, Lease lease, List<TaskEvent> startEvents,
                 int charged, Instant unavailableSince) {
  }

  static final String ACTIVE = "('in_progress', 'cancelling')";
  private static final int CANDIDATES_PER_SLOT = 4;

  /** A submission as stored: the task as accepted (queued), and its first attempt when it started at once. */
  record Submitted(Task task, Optional<Claimed> started) {
  }

  /** Whether a released attempt counts against {@code max_attempts}, and why not. */
  enum Charge {
    CHARGED,
    /** The node stopped gracefully and handed the task over: the task did nothing wrong. */
    HANDED_OVER,
    /** A domain the attempt needs had no node serving it: an infrastructure condition, waited out. */
    UNAVAILABLE
  }

  private final Pool pool;

  TaskQueue(Pool pool) {
    this.pool = pool;
  }

  /**
   * Inserts a task and its task.queued event; with a known idempotency key, the original task instead. With an
   * {@code owner} (a worker of this node with a free slot and nothing left to claim), the task starts at once in
   * the same statement, leased to it, unless its session already has a task queued or running: one commit and no
   * claim between submission and start.
   */
  Future<Submitted> insert(TaskDraft draft, String userId, String principal, String agentId, int maxSteps,
                           int maxAttempts, long deadlineSeconds, String owner, long leaseMs) {
    String id = RowIds.next("tsk");
    JsonObject overrides = new JsonObject().put("tools", draft.tools() == null ? null : new JsonArray(draft.tools()))
      .put("parameters", new JsonObject(draft.parameters()));
    Function<String, Tuple> values = startFor -> Tuple.tuple().addString(id).addString(userId)
      .addString(principal).addString(agentId).addString(draft.sessionId()).addString(draft.input())
      .addValue(overrides).addInteger(maxSteps).addInteger(maxAttempts).addLong(deadlineSeconds)
      .addString(draft.idempotencyKey()).addString(startFor).addLong(leaseMs);
    Future<RowSet<Row>> inserted = insert(values.apply(owner), draft.idempotencyKey(), userId);
    if (owner != null) {
      // Another node's claim can start a task of this session between this statement's snapshot and its session
      // lock; the index of one running task per session refuses the second, and the task then simply queues.
      inserted = inserted.recover(failure -> UniqueViolation.on(failure, "tasks_one_active_per_session")
        ? insert(values.apply(null), draft.idempotencyKey(), userId) : Future.failedFuture(failure));
    }
    return inserted.map(rows -> submitted(rows.iterator().next()));
  }

  private Future<RowSet<Row>> insert(Tuple values, String idempotencyKey, String userId) {
    // Without a key: one statement writes the task and its events. With one: an expired key is freed first, and a
    // key in use answers the task it names.
    String insert = "WITH go AS (SELECT $12::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tasks r "
      + "WHERE r.session_id = $5 AND r.status IN ('queued', 'in_progress', 'cancelling')) "
      + "AND pg_try_advisory_xact_lock(hashtext('tasks-session:' || $5)) AS started), "
      + "ins AS (INSERT INTO tasks (id, user_id, principal, agent_id, session_id, input, overrides, max_steps, "
      + "status, attempt, lease_owner, lease_expires_at, started_at, max_attempts, deadline, idempotency_key, "
      + "next_sequence) SELECT $1, $2, $3, $4, $5, $6, $7, $8, "
      + "CASE WHEN started THEN 'in_progress' ELSE 'queued' END, CASE WHEN started THEN 1 ELSE 0 END, "
      + "CASE WHEN started THEN $12 END, CASE WHEN started THEN now() + $13 * interval '1 millisecond' END, "
      + "CASE WHEN started THEN now() END, $9, now() + $10 * interval '1 second', $11, "
      + "CASE WHEN started THEN 2 ELSE 1 END FROM go "
      + "ON CONFLICT (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING *), "
      + "ev AS (INSERT INTO task_events (task_id, sequence, attempt, type, data) "
      + "SELECT id, 1, 0, 'task.queued', '{}'::jsonb FROM ins UNION ALL "
      + "SELECT id, 2, 1, 'task.in_progress', jsonb_build_object('attempt', 1, 'worker', lease_owner) FROM ins "
      + "WHERE status = 'in_progress') "
      + "SELECT *, now() AS claimed_at FROM ins";
    if (idempotencyKey == null) {
      return pool.preparedQuery(insert).execute(values);
    }
    return pool.withTransaction(conn -> forget(conn, userId, idempotencyKey)
      .compose(ok -> conn.preparedQuery(insert).execute(values))
      .compose(rows -> rows.size() > 0 ? Future.succeededFuture(rows)
        : conn.preparedQuery("SELECT *, NULL::timestamptz AS claimed_at FROM tasks WHERE user_id = $1 "
          + "AND idempotency_key = $2").execute(Tuple.of(userId, idempotencyKey))));
  }

  /** The task as accepted, and its first attempt when this statement started it (an earlier task's row: never). */
  private static Submitted submitted(Row row) {
    Task task = TaskRows.task(row);
    if (row.getValue("claimed_at") == null || !task.status().equals("in_progress")) {
      return new Submitted(task, Optional.empty());
    }
    String owner = row.getString("lease_owner");
    Claimed started = new Claimed(task, row.getString("principal"), (JsonObject) row.getValue("overrides"),
      new Lease(task.id(), 1, owner), startEvents(row, owner), 1, null);
    return new Submitted(TaskRows.accepted(row), Optional.of(started));
  }

  /** An idempotency key older than 24 h is free again. */
  private static Future<Void> forget(SqlConnection conn, String userId, String key) {
    if (key == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("UPDATE tasks SET idempotency_key = NULL WHERE user_id = $1 AND idempotency_key = $2 "
      + "AND created_at < now() - interval '24 hours'").execute(Tuple.of(userId, key)).mapEmpty();
  }

  /**
   * Claims up to {@code limit} queued tasks for {@code owner}: oldest first, skipping rows other workers hold and
   * sessions that already run a task, and at most one (the oldest) of each session: one run per session at a time
   * (the session policy {@code enqueue}), which the index {@code tasks_one_active_per_session} also enforces.
   */
  Future<List<Claimed>> claim(String owner, int limit, long leaseMs) {
    // It looks at more candidates than free slots, so that sessions with several queued tasks (one is taken) leave
    // enough others to fill them: a claim that comes back short means the queue had no more for this worker. It
    // writes the attempt's first events too (task.attempt_restarted for a retry, task.in_progress with the worker):
    // one statement, one commit, before the worker says anything else.
    return pool.preparedQuery("WITH claimed AS (UPDATE tasks SET status = 'in_progress', attempt = attempt + 1, "
        + "lease_owner = $1, lease_expires_at = now() + $2 * interval '1 millisecond', "
        + "started_at = coalesce(started_at, now()), "
        + "next_sequence = next_sequence + CASE WHEN attempt > 0 THEN 2 ELSE 1 END "
        + "WHERE id IN (SELECT d.id FROM (SELECT DISTINCT ON (c.session_id) c.id, c.created_at FROM "
        + "(SELECT q.id, q.session_id, q.created_at FROM tasks q WHERE q.status = 'queued' AND q.not_before <= now() "
        + "AND (q.deadline IS NULL OR q.deadline > now()) "
        + "AND NOT EXISTS (SELECT 1 FROM tasks r WHERE r.session_id = q.session_id AND r.status IN " + ACTIVE + ") "
        + "ORDER BY q.created_at LIMIT $3 * " + CANDIDATES_PER_SLOT + " FOR UPDATE SKIP LOCKED) c "
        + "ORDER BY c.session_id, c.created_at) d ORDER BY d.created_at LIMIT $3) "
        + "AND pg_try_advisory_xact_lock(hashtext('tasks-session:' || session_id)) RETURNING *), "
        + "restarted AS (INSERT INTO task_events (task_id, sequence, attempt, type, data) SELECT id, "
        + "next_sequence - 1, attempt, 'task.attempt_restarted', jsonb_build_object('attempt', attempt) "
        + "FROM claimed WHERE attempt > 1), "
        + "started AS (INSERT INTO task_events (task_id, sequence, attempt, type, data) SELECT id, next_sequence, "
        + "attempt, 'task.in_progress', jsonb_build_object('attempt', attempt, 'worker', $1::text) FROM claimed) "
        + "SELECT *, now() AS claimed_at FROM claimed")
      .execute(Tuple.of(owner, leaseMs, limit)).map(rows -> {
        List<Claimed> claimed = new ArrayList<>();
        rows.forEach(row -> claimed.add(new Claimed(TaskRows.task(row), row.getString("principal"),
          (JsonObject) row.getValue("overrides"), new Lease(row.getString("id"), row.getInteger("attempt"), owner),
          startEvents(row, owner), row.getInteger("attempt") - row.getInteger("uncharged_attempts"),
          RowValues.instant(row, "unavailable_since"))));
        return claimed;
      });
  }

  private static List<TaskEvent> startEvents(Row row, String owner) {
    String id = row.getString("id");
    int attempt = row.getInteger("attempt");
    long sequence = row.getLong("next_sequence");
    Instant at = row.getOffsetDateTime("claimed_at").toInstant();
    List<TaskEvent> events = new ArrayList<>();
    if (attempt > 1) {
      events.add(new TaskEvent(id, sequence - 1, attempt, "task.attempt_restarted", Map.of("attempt", attempt), at));
    }
    events.add(new TaskEvent(id, sequence, attempt, "task.in_progress", Map.of("attempt", attempt, "worker", owner),
      at));
    return events;
  }

  /** Renews the leases {@code owner} holds; answers the ids still held, with their status (cancelling?). */
  Future<Map<String, String>> renew(String owner, List<String> ids, long leaseMs) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery("WITH l AS (SELECT id FROM tasks WHERE lease_owner = $1 AND id = ANY($3) AND status IN "
        + ACTIVE + " ORDER BY id FOR UPDATE) UPDATE tasks t SET lease_expires_at = now() + $2 * interval "
        + "'1 millisecond' FROM l WHERE t.id = l.id RETURNING t.id, t.status")
      .execute(Tuple.tuple().addString(owner).addLong(leaseMs).addArrayOfString(ids.toArray(String[]::new)))
      .map(rows -> {
        Map<String, String> held = new HashMap<>();
        rows.forEach(row -> held.put(row.getString("id"), row.getString("status")));
        return held;
      });
  }

  /** Gives a lease back so the task runs again at once elsewhere (graceful shutdown, retry after backoff). */
  Future<Boolean> release(Lease lease, long notBeforeMs) {
    return release(lease, notBeforeMs, Charge.CHARGED);
  }

  Future<Boolean> release(Lease lease, long notBeforeMs, Charge charge) {
    return pool.preparedQuery("UPDATE tasks SET status = CASE WHEN status = 'cancelling' THEN status ELSE 'queued' "
        + "END, lease_owner = NULL, lease_expires_at = CASE WHEN status = 'cancelling' THEN now() ELSE NULL END, "
        + "not_before = now() + $4 * interval '1 millisecond', "
        + "uncharged_attempts = uncharged_attempts + CASE WHEN $5 THEN 0 ELSE 1 END, "
        + "unavailable_since = CASE WHEN $6 THEN coalesce(unavailable_since, now()) ELSE unavailable_since END "
        + "WHERE id = $1 AND attempt = $2 AND lease_owner = $3 AND status IN " + ACTIVE)
      .execute(Tuple.of(lease.taskId(), lease.attempt(), lease.owner(), notBeforeMs, charge == Charge.CHARGED,
        charge == Charge.UNAVAILABLE))
      .map(rows -> rows.rowCount() > 0);
  }

  /** Whether an agent still runs a task (its status stays running). */
  Future<Boolean> agentBusy(String agentId) {
    return pool.preparedQuery("SELECT 1 FROM tasks WHERE agent_id = $1 AND status IN " + ACTIVE + " LIMIT 1")
      .execute(Tuple.of(agentId)).map(rows -> rows.size() > 0);
  }

  /**
   * The sweeper: a lapsed lease (its node died) puts the task back in the queue for another attempt, or fails it
   * after {@code max_attempts}; a lapsed {@code cancelling} ends {@code cancelled}; a queued task past its deadline
   * ends {@code expired}. Answers the terminal events it wrote.
   */
  Future<List<TaskEvent>> sweep() {
    return pool.withTransaction(conn -> conn.query("UPDATE tasks SET status = 'queued', lease_owner = NULL, "
        + "lease_expires_at = NULL WHERE status = 'in_progress' AND lease_expires_at < now() "
        + "AND attempt - uncharged_attempts < max_attempts").execute()
      .compose(requeued -> conn.query("UPDATE tasks SET status = CASE WHEN status = 'cancelling' THEN 'cancelled' "
        + "WHEN status = 'queued' THEN 'expired' ELSE 'failed' END, error = CASE WHEN status = 'in_progress' THEN "
        + "'{\"code\":\"internal\",\"message\":\"The task lost its worker too many times.\"}'::jsonb "
        + "ELSE error END, completed_at = now(), lease_owner = NULL, lease_expires_at = NULL, "
        + "next_sequence = next_sequence + 1 "
        + "WHERE (status IN " + ACTIVE + " AND lease_expires_at < now()) "
        + "OR (status = 'queued' AND deadline < now()) RETURNING id, attempt, status, next_sequence, error").execute())
      .compose(ended -> {
        List<Future<TaskEvent>> events = new ArrayList<>();
        for (Row row : ended) {
          String type = "task." + row.getString("status");
          JsonObject data = new JsonObject().put("status", row.getString("status"));
          if (row.getValue("error") != null) {
            data.put("error", row.getValue("error"));
          }
          events.add(conn.preparedQuery("INSERT INTO task_events (task_id, sequence, attempt, type, data) VALUES "
              + "($1, $2, $3, $4, $5) RETURNING sequence, created_at")
            .execute(Tuple.of(row.getString("id"), row.getLong("next_sequence"), row.getInteger("attempt"), type,
              data))
            .map(inserted -> TaskRows.event(row.getString("id"), row.getInteger("attempt"), type, data,
              inserted.iterator().next())));
        }
        return Future.all(events).map(all -> all.<TaskEvent>list());
      }));
  }
}
