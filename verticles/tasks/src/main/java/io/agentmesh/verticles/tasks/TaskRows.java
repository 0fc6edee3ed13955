package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.tasks.Task;
import io.agentmesh.contract.tasks.TaskError;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.storage.RowValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rows of the tasks schema as contract records. */
final class TaskRows {

  private TaskRows() {
  }

  static Task task(Row row) {
    JsonObject error = (JsonObject) row.getValue("error");
    JsonObject usage = (JsonObject) row.getValue("usage");
    List<Map<String, Object>> steps = new ArrayList<>();
    JsonArray stored = (JsonArray) row.getValue("steps");
    if (stored != null) {
      stored.forEach(step -> steps.add(((JsonObject) step).getMap()));
    }
    return new Task(row.getString("id"), row.getString("user_id"), row.getString("agent_id"),
      row.getString("session_id"), row.getString("status"), row.getString("input"), row.getString("output"),
      error == null ? null : new TaskError(error.getString("code"), error.getString("message")), steps,
      usage == null ? null : usage.getMap(), row.getDouble("cost"), row.getInteger("attempt"),
      row.getInteger("max_steps"), RowValues.instant(row, "created_at"),
      RowValues.instant(row, "started_at"), RowValues.instant(row, "completed_at"), citations(row));
  }

  private static List<Map<String, Object>> citations(Row row) {
    List<Map<String, Object>> citations = new ArrayList<>();
    JsonArray stored = row.getColumnIndex("citations") < 0 ? null : (JsonArray) row.getValue("citations");
    if (stored != null) {
      stored.forEach(citation -> citations.add(((JsonObject) citation).getMap()));
    }
    return citations;
  }

  /** A task started by its own submission, as the submitter is answered: accepted, queued (its events go on). */
  static Task accepted(Row row) {
    Task task = task(row);
    return new Task(task.id(), task.userId(), task.agentId(), task.sessionId(), "queued", task.input(), null, null,
      List.of(), null, null, 0, task.maxSteps(), task.createdAt(), null, null, List.of());
  }

  static TaskEvent event(String taskId, int attempt, String type, JsonObject data, Row inserted) {
    return new TaskEvent(taskId, inserted.getLong("sequence"), attempt, type, data.getMap(),
      RowValues.instant(inserted, "created_at"));
  }

  static TaskEvent storedEvent(Row row) {
    return new TaskEvent(row.getString("task_id"), row.getLong("sequence"), row.getInteger("attempt"),
      row.getString("type"), ((JsonObject) row.getValue("data")).getMap(),
      RowValues.instant(row, "created_at"));
  }

}
