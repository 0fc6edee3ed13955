package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.tasks.Task;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TaskPage;
import io.agentmesh.contract.tasks.TaskQuery;
import io.agentmesh.storage.KeysetPage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading and ending tasks outside an attempt: one task, a user's list, an agent's or a session's active tasks,
 * cancellation (at once for a queued task, through its worker for a running one) and a deleted user's tasks.
 */
final class TaskStore {

  /** A cancellation's outcome: the task as it now is, and the task.cancelled event when it ended at once. */
  record Cancelled(Task task, Optional<TaskEvent> event) {
  }

  private final Pool pool;

  TaskStore(Pool pool) {
    this.pool = pool;
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


  /**
   * Deletes every task of a user with its events and outbox rows; answers the ids that were running (their
   * workers, fenced out by the deletion, stop at their next write or heartbeat).
   */
  Future<List<String>> deleteForUser(String userId) {
    return pool.withTransaction(conn -> conn.preparedQuery("SELECT id FROM tasks WHERE user_id = $1 AND status IN "
        + TaskQueue.ACTIVE + " FOR UPDATE").execute(Tuple.of(userId))
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
    Map<String, String> filters = new LinkedHashMap<>();
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
          return Future.failedFuture(DomainException.notFound("Task " + id));
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

  private static Future<Cancelled> cancelledEvent(SqlConnection conn, Row task) {
    String type = "task.cancelled";
    JsonObject data = new JsonObject().put("status", "cancelled");
    return conn.preparedQuery("INSERT INTO task_events (task_id, sequence, attempt, type, data) "
        + "VALUES ($1, $2, $3, $4, $5) RETURNING sequence, created_at")
      .execute(Tuple.of(task.getString("id"), task.getLong("next_sequence"), task.getInteger("attempt"), type, data))
      .map(inserted -> new Cancelled(TaskRows.task(task), Optional.of(TaskRows.event(task.getString("id"),
        task.getInteger("attempt"), type, data, inserted.iterator().next()))));
  }
}
