package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.tasks.TaskError;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.verticles.tasks.TaskQueue.Lease;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tasks' event log (task_events): an attempt's events appended in batches, its rounds (steps and the messages
 * for memory, through the outbox) and its end, each fenced by the attempt's {@link TaskQueue.Lease}; and the events
 * of a task after a sequence number, for streams that resume.
 */
final class TaskEventLog {

  /** Events of one attempt to append, in order. */
  record EventBatch(Lease lease, List<String> types, List<JsonObject> data) {
  }

  /** The messages for memory of a round, as rows of the outbox, from the updated task row {@code t}. */
  private static final String OUTBOX_CTE = "o AS (INSERT INTO outbox (task_id, session_id, principal, append_key, "
    + "role, content) SELECT $1, t.session_id, t.principal, m.k, m.r, m.c::jsonb FROM t, "
    + "unnest($5::text[], $6::text[], $7::text[]) AS m(k, r, c))";

  /** Adds parameters $5, $6, $7: the messages' append keys, roles and contents (as JSON text). */
  private static Tuple messageParams(Tuple tuple, List<JsonObject> messages) {
    return tuple.addArrayOfString(messages.stream().map(m -> m.getString("append_key")).toArray(String[]::new))
      .addArrayOfString(messages.stream().map(m -> m.getString("role")).toArray(String[]::new))
      .addArrayOfString(messages.stream().map(m -> Json.encode(m.getValue("content")))
        .toArray(String[]::new));
  }

  private final Pool pool;

  TaskEventLog(Pool pool) {
    this.pool = pool;
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
        + "WHERE t.lease_owner = $1 AND t.status IN " + TaskQueue.ACTIVE + " ORDER BY t.id FOR UPDATE OF t), "
        + "s AS (UPDATE tasks t SET next_sequence = t.next_sequence + l.n FROM l WHERE t.id = l.id "
        + "RETURNING t.id, t.next_sequence - l.n AS base) "
        + "INSERT INTO task_events (task_id, sequence, attempt, type, data) "
        + "SELECT e.task_id, s.base + row_number() OVER (PARTITION BY e.task_id ORDER BY e.ord), e.attempt, e.type, "
        + "e.data::jsonb FROM e JOIN s ON s.id = e.task_id RETURNING task_id, sequence, created_at")
      .execute(Tuple.tuple().addString(batches.get(0).lease().owner())
        .addArrayOfString(ids.toArray(String[]::new)).addArrayOfInteger(attempts.toArray(Integer[]::new))
        .addArrayOfString(types.toArray(String[]::new)).addArrayOfString(data.toArray(String[]::new)))
      .map(rows -> {
        Map<String, List<Row>> byTask = new HashMap<>();
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
    sorted.sort(Comparator.comparingLong(row -> row.getLong("sequence")));
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
    return pool.preparedQuery(
      "WITH t AS (UPDATE tasks SET steps = steps || $4::jsonb, unavailable_since = NULL WHERE id = $1 "
        + "AND attempt = $2 "
        + "AND lease_owner = $3 AND status IN " + TaskQueue.ACTIVE + " RETURNING session_id, principal), " + OUTBOX_CTE
          + " "
        + "SELECT count(*) AS held FROM t")
      .execute(messageParams(Tuple.tuple().addString(lease.taskId()).addInteger(lease.attempt())
        .addString(lease.owner()).addValue(new JsonArray(new ArrayList<>(steps))), messages))
      .map(rows -> rows.iterator().next().getLong("held") > 0);
  }

  /**
   * The end of an attempt, once, fenced, in one statement: the last round's steps and messages (if not recorded
   * yet), status, output or error, usage, cost, the events still waiting to be stored ({@code types}, {@code data})
   * and the terminal event after them. Answers every event stored, the terminal one last; empty when fenced out.
   */
  Future<Optional<List<TaskEvent>>> finish(Lease lease, String status, String output, TaskError error,
                                           JsonObject usage, Double cost, List<JsonObject> steps,
                                           List<JsonObject> messages, List<String> types, List<JsonObject> data,
                                           JsonArray citations) {
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
        + "next_sequence = next_sequence + $13, citations = $16 WHERE id = $1 AND attempt = $2 AND lease_owner = $3 "
        + "AND status IN " + TaskQueue.ACTIVE + " RETURNING session_id, principal, next_sequence), " + OUTBOX_CTE + ", "
        + "e AS (INSERT INTO task_events (task_id, sequence, attempt, type, data) SELECT $1, "
        + "t.next_sequence - $13 + e.ord, $2, e.type, e.data::jsonb FROM t, "
        + "unnest($14::text[], $15::text[]) WITH ORDINALITY AS e(type, data, ord) RETURNING sequence, created_at) "
        + "SELECT sequence, created_at FROM e")
      .execute(messageParams(Tuple.tuple().addString(lease.taskId()).addInteger(lease.attempt())
          .addString(lease.owner()).addValue(new JsonArray(new ArrayList<>(steps))), messages)
        .addString(status).addString(output).addValue(end.getJsonObject("error")).addValue(usage).addValue(cost)
        .addInteger(allTypes.size()).addArrayOfString(allTypes.toArray(String[]::new))
        .addArrayOfString(allData.stream().map(JsonObject::encode).toArray(String[]::new)).addValue(citations))
      .map(rows -> stored(lease, allTypes, allData, rows));
  }

  Future<List<TaskEvent>> eventsAfter(String taskId, long after, int limit) {
    return pool.preparedQuery("SELECT * FROM task_events WHERE task_id = $1 AND sequence > $2 ORDER BY sequence "
        + "LIMIT $3").execute(Tuple.of(taskId, after, limit))
      .map(TaskEventLog::events);
  }

  private static List<TaskEvent> events(RowSet<Row> rows) {
    List<TaskEvent> events = new ArrayList<>();
    rows.forEach(row -> events.add(TaskRows.storedEvent(row)));
    return events;
  }
}
