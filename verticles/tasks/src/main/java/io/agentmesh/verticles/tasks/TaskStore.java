package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.tasks.Task;
import io.agentmesh.contract.tasks.TaskDraft;
import io.agentmesh.contract.tasks.TaskError;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TaskPage;
import io.agentmesh.contract.tasks.TaskQuery;
import io.agentmesh.storage.KeysetPage;
import io.agentmesh.storage.RowIds;
import io.agentmesh.storage.UniqueViolation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tasks schema. Writes on behalf of a running attempt name the lease they hold ({@link Lease}) and change
 * nothing when it is no longer theirs: a worker that lost its lease (paused, partitioned, declared dead) cannot
 * overwrite what the attempt that replaced it wrote.
 */
final class TaskStore {

  /** What fences a worker's writes: the task, the attempt it runs, and the worker holding the lease. */
  record Lease(String taskId, int attempt, String owner) {
  }

  /** A claimed task: what the worker needs to run it. */
  /**
   * A started attempt. {@code charged}: the attempts that count against {@code max_attempts}, this one included;
   * {@code unavailableSince}: when the task began waiting for a domain that no node served, or null.
   */
  record Claimed(Task task, String principal, JsonObject overrides, Lease lease, List<TaskEvent> startEvents,
                 int charged, java.time.Instant unavailableSince) {
  }

  static final String ACTIVE = "('in_progress', 'cancelling')";
  private static final int CANDIDATES_PER_SLOT = 4;

  private final Pool pool;

  TaskStore(Pool pool) {
    this.pool = pool;
  }

  /** A submission as stored: the task as accepted (queued), and its first attempt when it started at once. */
  record Submitted(Task task, Optional<Claimed> started) {
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

  Future<Optional<Task>> get(String id) {
    return pool.preparedQuery("SELECT * FROM tasks WHERE id = $1").execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(TaskRows.task(rows.iterator().next())));
  }

  /** The ids of an agent's tasks that have not ended. */
  Future<List<String>> activeForAgent(String agentId) {
    return pool.preparedQuery("SELECT id FROM tasks WHERE agent_id = $1 AND status IN ('queued', 'in_progress', "
        + "'cancelling')").execute(Tuple.of(agentId)).map(rows -> {
          List<String> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getString("id")));
          return ids;
        });
  }

  /** Whether an agent still runs a task (its status stays running). */
  Future<Boolean> agentBusy(String agentId) {
    return pool.preparedQuery("SELECT 1 FROM tasks WHERE agent_id = $1 AND status IN " + ACTIVE + " LIMIT 1")
      .execute(Tuple.of(agentId)).map(rows -> rows.size() > 0);
  }

  /**
   * Deletes every task of a user with its events and outbox rows; answers the ids that were running (their
   * workers, fenced out by the deletion, stop at their next write or heartbeat).
   */
  Future<List<String>> deleteForUser(String userId) {
    return pool.withTransaction(conn -> conn.preparedQuery("SELECT id FROM tasks WHERE user_id = $1 AND status IN "
        + ACTIVE + " FOR UPDATE").execute(Tuple.of(userId))
      .compose(running -> conn.preparedQuery("DELETE FROM task_events WHERE task_id IN (SELECT id FROM tasks "
          + "WHERE user_id = $1)").execute(Tuple.of(userId))
        .compose(events -> conn.preparedQuery("DELETE FROM outbox WHERE task_id IN (SELECT id FROM tasks "
          + "WHERE user_id = $1)").execute(Tuple.of(userId)))
        .compose(outbox -> conn.preparedQuery("DELETE FROM tasks WHERE user_id = $1").execute(Tuple.of(userId)))
        .map(deleted -> {
          List<String> ids = new ArrayList<>();
          running.forEach(row -> ids.add(row.getString("id")));
          return ids;
        })));
  }

  /** The active (in progress or queued before it) task of a session, other than {@code exceptId}. */
  Future<Optional<String>> activeInSession(String sessionId) {
    return pool.preparedQuery("SELECT id FROM tasks WHERE session_id = $1 AND status IN ('queued', 'in_progress', "
        + "'cancelling') ORDER BY id LIMIT 1").execute(Tuple.of(sessionId))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("id")));
  }

  Future<TaskPage> list(String userId, TaskQuery query) {
    List<String> conditions = new ArrayList<>(List.of("user_id = $1"));
    List<Object> params = new ArrayList<>(List.of(userId));
    Map<String, String> filters = new java.util.LinkedHashMap<>();
    filters.put("agent_id", query.agentId());
    filters.put("session_id", query.sessionId());
    filters.put("status", query.status());
    filters.forEach((column, value) -> {
      if (value != null) {
        params.add(value);
        conditions.add(column + " = $" + params.size());
      }
    });
    return KeysetPage.fetch(pool, "SELECT * FROM tasks", String.join(" AND ", conditions), params,
        new ListQuery(query.limit(), query.order(), query.after(), query.before()))
      .map(page -> new TaskPage(page.rows().stream().map(TaskRows::task).toList(), page.firstId(), page.lastId(),
        page.hasMore()));
  }

  /**
   * Cancels: a queued task ends {@code cancelled} at once (with its event); a running one becomes {@code cancelling}
   * and its worker stops it. Answers the task as it now is.
   */
  Future<Cancelled> cancel(String id) {
    return pool.withTransaction(conn -> conn.preparedQuery("SELECT status FROM tasks WHERE id = $1 FOR UPDATE")
      .execute(Tuple.of(id)).compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(io.agentmesh.contract.DomainException.notFound("Task " + id));
        }
        String status = rows.iterator().next().getString("status");
        if (status.equals("queued")) {
          return conn.preparedQuery("UPDATE tasks SET status = 'cancelled', completed_at = now(), "
              + "next_sequence = next_sequence + 1 WHERE id = $1 RETURNING *").execute(Tuple.of(id))
            .compose(updated -> cancelledEvent(conn, updated.iterator().next()));
        }
        String sql = status.equals("in_progress") ? "UPDATE tasks SET status = 'cancelling' WHERE id = $1 RETURNING *"
          : "SELECT * FROM tasks WHERE id = $1";
        return conn.preparedQuery(sql).execute(Tuple.of(id))
          .map(same -> new Cancelled(TaskRows.task(same.iterator().next()), Optional.empty()));
      }));
  }

  /** A cancellation's outcome: the task as it now is, and the task.cancelled event when it ended at once. */
  record Cancelled(Task task, Optional<TaskEvent> event) {
  }

  private static Future<Cancelled> cancelledEvent(SqlConnection conn, Row task) {
    String type = "task.cancelled";
    JsonObject data = new JsonObject().put("status", "cancelled");
    return conn.preparedQuery("INSERT INTO task_events (task_id, sequence, attempt, type, data) "
        + "VALUES ($1, $2, $3, $4, $5) RETURNING sequence, created_at")
      .execute(Tuple.of(task.getString("id"), task.getLong("next_sequence"), task.getInteger("attempt"), type, data))
      .map(inserted -> new Cancelled(TaskRows.task(task), Optional.of(TaskRows.event(task.getString("id"),
        task.getInteger("attempt"), type, data, inserted.iterator().next()))));
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
          row.getOffsetDateTime("unavailable_since") == null ? null
            : row.getOffsetDateTime("unavailable_since").toInstant())));
        return claimed;
      });
  }

  private static List<TaskEvent> startEvents(Row row, String owner) {
    String id = row.getString("id");
    int attempt = row.getInteger("attempt");
    long sequence = row.getLong("next_sequence");
    java.time.Instant at = row.getOffsetDateTime("claimed_at").toInstant();
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
        Map<String, String> held = new java.util.HashMap<>();
        rows.forEach(row -> held.put(row.getString("id"), row.getString("status")));
        return held;
      });
  }

  /** Events of one attempt to append, in order. */
  record EventBatch(Lease lease, List<String> types, List<JsonObject> data) {
  }

  /**
   * Appends the events of several attempts of one owner in one statement: each task's sequence numbers follow its
   * batch's order; a batch whose lease is no longer held stores nothing. The task rows are locked in id order (as
   * renewals lock them), so two such statements never deadlock each other. Answers, per batch in the order given,
   * its stored events, or null when fenced out.
   */
  Future<List<List<TaskEvent>>> events(List<EventBatch> batches) {
    List<String> ids = new ArrayList<>();
    List<Integer> attempts = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<String> data = new ArrayList<>();
    for (EventBatch batch : batches) {
      for (int i = 0; i < batch.types().size(); i++) {
        ids.add(batch.lease().taskId());
        attempts.add(batch.lease().attempt());
        types.add(batch.types().get(i));
        data.add(batch.data().get(i).encode());
      }
    }
    return pool.preparedQuery("WITH e AS (SELECT * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) "
        + "WITH ORDINALITY AS e(task_id, attempt, type, data, ord)), "
        + "n AS (SELECT task_id, attempt, count(*) AS n FROM e GROUP BY task_id, attempt), "
        + "l AS (SELECT t.id, n.n FROM tasks t JOIN n ON t.id = n.task_id AND t.attempt = n.attempt "
        + "WHERE t.lease_owner = $1 AND t.status IN " + ACTIVE + " ORDER BY t.id FOR UPDATE OF t), "
        + "s AS (UPDATE tasks t SET next_sequence = t.next_sequence + l.n FROM l WHERE t.id = l.id "
        + "RETURNING t.id, t.next_sequence - l.n AS base) "
        + "INSERT INTO task_events (task_id, sequence, attempt, type, data) "
        + "SELECT e.task_id, s.base + row_number() OVER (PARTITION BY e.task_id ORDER BY e.ord), e.attempt, e.type, "
        + "e.data::jsonb FROM e JOIN s ON s.id = e.task_id RETURNING task_id, sequence, created_at")
      .execute(Tuple.tuple().addString(batches.get(0).lease().owner())
        .addArrayOfString(ids.toArray(String[]::new)).addArrayOfInteger(attempts.toArray(Integer[]::new))
        .addArrayOfString(types.toArray(String[]::new)).addArrayOfString(data.toArray(String[]::new)))
      .map(rows -> {
        Map<String, List<Row>> byTask = new java.util.HashMap<>();
        rows.forEach(row -> byTask.computeIfAbsent(row.getString("task_id"), id -> new ArrayList<>()).add(row));
        List<List<TaskEvent>> stored = new ArrayList<>();
        for (EventBatch batch : batches) {
          List<Row> mine = byTask.get(batch.lease().taskId());
          stored.add(mine == null ? null : events(batch.lease(), batch.types(), batch.data(), mine));
        }
        return stored;
      });
  }

  /** The events a statement inserted (rows of sequence, created_at), in the order they were given; empty: fenced. */
  private static Optional<List<TaskEvent>> stored(Lease lease, List<String> types, List<JsonObject> data,
                                                  RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    List<Row> stored = new ArrayList<>();
    rows.forEach(stored::add);
    return Optional.of(events(lease, types, data, stored));
  }

  private static List<TaskEvent> events(Lease lease, List<String> types, List<JsonObject> data, List<Row> rows) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(java.util.Comparator.comparingLong(row -> row.getLong("sequence")));
    List<TaskEvent> events = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      events.add(TaskRows.event(lease.taskId(), lease.attempt(), types.get(i), data.get(i), sorted.get(i)));
    }
    return events;
  }

  /**
   * Records a round's steps (model call, tool calls, with timing and usage) and the messages they produced for
   * memory, in one statement (one round trip, atomic), fenced.
   * False when the lease is gone.
   */
  Future<Boolean> step(Lease lease, List<JsonObject> steps, List<JsonObject> messages) {
    return pool.preparedQuery("WITH t AS (UPDATE tasks SET steps = steps || $4::jsonb, unavailable_since = NULL WHERE id = $1 "
        + "AND attempt = $2 "
        + "AND lease_owner = $3 AND status IN " + ACTIVE + " RETURNING session_id, principal), " + OUTBOX_CTE + " "
        + "SELECT count(*) AS held FROM t")
      .execute(messageParams(Tuple.tuple().addString(lease.taskId()).addInteger(lease.attempt())
        .addString(lease.owner()).addValue(new JsonArray(new ArrayList<>(steps))), messages))
      .map(rows -> rows.iterator().next().getLong("held") > 0);
  }

  /** The messages for memory of a round, as rows of the outbox, from the updated task row {@code t}. */
  private static final String OUTBOX_CTE = "o AS (INSERT INTO outbox (task_id, session_id, principal, append_key, "
    + "role, content) SELECT $1, t.session_id, t.principal, m.k, m.r, m.c::jsonb FROM t, "
    + "unnest($5::text[], $6::text[], $7::text[]) AS m(k, r, c))";

  /** Adds parameters $5, $6, $7: the messages' append keys, roles and contents (as JSON text). */
  private static Tuple messageParams(Tuple tuple, List<JsonObject> messages) {
    return tuple.addArrayOfString(messages.stream().map(m -> m.getString("append_key")).toArray(String[]::new))
      .addArrayOfString(messages.stream().map(m -> m.getString("role")).toArray(String[]::new))
      .addArrayOfString(messages.stream().map(m -> io.vertx.core.json.Json.encode(m.getValue("content")))
        .toArray(String[]::new));
  }

  /**
   * The end of an attempt, once, fenced, in one statement: the last round's steps and messages (if not recorded
   * yet), status, output or error, usage, cost, the events still waiting to be stored ({@code types}, {@code data})
   * and the terminal event after them. Answers every event stored, the terminal one last; empty when fenced out.
   */
  Future<Optional<List<TaskEvent>>> finish(Lease lease, String status, String output, TaskError error,
                                           JsonObject usage, Double cost, List<JsonObject> steps,
                                           List<JsonObject> messages, List<String> types, List<JsonObject> data) {
    JsonObject end = new JsonObject().put("status", status);
    if (output != null) {
      end.put("output", output);
    }
    if (error != null) {
      end.put("error", new JsonObject().put("code", error.code()).put("message", error.message()));
    }
    List<String> allTypes = new ArrayList<>(types);
    allTypes.add("task." + status);
    List<JsonObject> allData = new ArrayList<>(data);
    allData.add(end);
    return pool.preparedQuery("WITH t AS (UPDATE tasks SET steps = steps || $4::jsonb, status = $8, output = $9, "
        + "error = $10, usage = $11, cost = $12, completed_at = now(), lease_owner = NULL, lease_expires_at = NULL, "
        + "next_sequence = next_sequence + $13 WHERE id = $1 AND attempt = $2 AND lease_owner = $3 AND status IN "
        + ACTIVE + " RETURNING session_id, principal, next_sequence), " + OUTBOX_CTE + ", "
        + "e AS (INSERT INTO task_events (task_id, sequence, attempt, type, data) SELECT $1, "
        + "t.next_sequence - $13 + e.ord, $2, e.type, e.data::jsonb FROM t, "
        + "unnest($14::text[], $15::text[]) WITH ORDINALITY AS e(type, data, ord) RETURNING sequence, created_at) "
        + "SELECT sequence, created_at FROM e")
      .execute(messageParams(Tuple.tuple().addString(lease.taskId()).addInteger(lease.attempt())
          .addString(lease.owner()).addValue(new JsonArray(new ArrayList<>(steps))), messages)
        .addString(status).addString(output).addValue(end.getJsonObject("error")).addValue(usage).addValue(cost)
        .addInteger(allTypes.size()).addArrayOfString(allTypes.toArray(String[]::new))
        .addArrayOfString(allData.stream().map(JsonObject::encode).toArray(String[]::new)))
      .map(rows -> stored(lease, allTypes, allData, rows));
  }

  /** Gives a lease back so the task runs again at once elsewhere (graceful shutdown, retry after backoff). */
  Future<Boolean> release(Lease lease, long notBeforeMs) {
    return release(lease, notBeforeMs, Charge.CHARGED);
  }

  /** Whether a released attempt counts against {@code max_attempts}, and why not. */
  enum Charge {
    CHARGED,
    /** The node stopped gracefully and handed the task over: the task did nothing wrong. */
    HANDED_OVER,
    /** A domain the attempt needs had no node serving it: an infrastructure condition, waited out. */
    UNAVAILABLE
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

  Future<List<TaskEvent>> eventsAfter(String taskId, long after, int limit) {
    return pool.preparedQuery("SELECT * FROM task_events WHERE task_id = $1 AND sequence > $2 ORDER BY sequence "
        + "LIMIT $3").execute(Tuple.of(taskId, after, limit))
      .map(TaskStore::events);
  }

  private static List<TaskEvent> events(RowSet<Row> rows) {
    List<TaskEvent> events = new ArrayList<>();
    rows.forEach(row -> events.add(TaskRows.storedEvent(row)));
    return events;
  }
}
