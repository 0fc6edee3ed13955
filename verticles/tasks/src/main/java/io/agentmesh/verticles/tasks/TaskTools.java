package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.tasks.TaskDraft;
import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolHandlers;
import io.agentmesh.contract.tools.ToolOutput;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;

/** The tasks domain's tools: submit a task into one of the caller's sessions, and read one of their tasks. */
final class TaskTools {

  private TaskTools() {
  }

  static Future<Void> serve(Vertx vertx, TaskService tasks) {
    return new ToolHandlers(vertx, "tasks")
      .tool(new ToolDefinition("tasks_submit", "Submit a task", "Runs the agent of one of the caller's sessions on "
          + "an input; answers the queued task (poll tasks_get for its end).",
          Map.of("type", "object", "required", List.of("session_id", "input"), "additionalProperties", false,
            "properties", Map.of("session_id", Map.of("type", "string", "maxLength", 64),
              "input", Map.of("type", "string", "minLength", 1, "maxLength", 100_000),
              "max_steps", Map.of("type", "integer", "minimum", 1, "maximum", 100))),
          null, ToolAnnotations.WRITES, "tasks", "tasks.tools.submit", Scopes.TASKS_RUN),
        call -> {
          Map<String, Object> args = call.body().arguments();
          TaskDraft draft = new TaskDraft((String) args.get("session_id"), (String) args.get("input"),
            (Integer) args.get("max_steps"), null, Map.of(), null);
          return tasks.submit(RequestConsumers.caller(call), BusHeaders.requestId(call), draft)
            .map(ToolOutput::ofRecord);
        })
      .tool(new ToolDefinition("tasks_get", "Get a task", "Reads one of the caller's tasks: status, output, error, "
          + "usage.", Map.of("type", "object", "required", List.of("id"), "additionalProperties", false,
            "properties", Map.of("id", Map.of("type", "string", "maxLength", 64))),
          null, ToolAnnotations.READ_ONLY, "tasks", "tasks.tools.get", Scopes.TASKS_READ),
        call -> tasks.visible(RequestConsumers.caller(call), (String) call.body().arguments().get("id"))
          .map(ToolOutput::ofRecord))
      .start();
  }
}
