package io.agentmesh.verticles.memory;

import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.memory.MessageDraft;
import io.agentmesh.contract.memory.MessageQuery;
import io.agentmesh.contract.memory.SessionQuery;
import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolHandlers;
import io.agentmesh.contract.tools.ToolOutput;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;

/** The memory domain's tools: list sessions, read and search messages, append a note; always as the caller. */
final class MemoryTools {

  private MemoryTools() {
  }

  static Future<Void> serve(Vertx vertx, SessionService sessions, MessageService messages) {
    Map<String, Object> limit = Map.of("type", "integer", "minimum", 1, "maximum", 100);
    Map<String, Object> id = Map.of("type", "string", "maxLength", 64);
    return new ToolHandlers(vertx, "memory")
      .tool(ToolDefinition.of("memory", "sessions_list", "List sessions",
          "Lists the caller's sessions with one agent.",
        Map.of("type", "object", "required", List.of("agent_id"), "additionalProperties", false,
          "properties", Map.of("agent_id", id, "limit", limit)),
        ToolAnnotations.READ_ONLY, "memory.tools.sessions_list", Scopes.MEMORY_READ), call -> {
          Map<String, Object> args = call.body().arguments();
          return sessions.list(call, new SessionQuery((String) args.get("agent_id"), (Integer) args.get("limit"),
            null, null, null)).map(ToolOutput::ofRecord);
        })
      .tool(ToolDefinition.of("memory", "messages_read", "Read messages",
          "Reads a session's messages, oldest first; q searches their text.",
        Map.of("type", "object", "required", List.of("session_id"), "additionalProperties", false,
          "properties", Map.of("session_id", id, "q", Map.of("type", "string", "minLength", 1, "maxLength", 200),
            "limit", limit)),
        ToolAnnotations.READ_ONLY, "memory.tools.messages_read", Scopes.MEMORY_READ), call -> {
          Map<String, Object> args = call.body().arguments();
          return messages.list(RequestConsumers.caller(call), new MessageQuery((String) args.get("session_id"),
            (String) args.get("q"), (Integer) args.get("limit"), null, null, null)).map(ToolOutput::ofRecord);
        })
      .tool(ToolDefinition.of("memory", "note_append", "Append a note",
          "Adds a note (a system message) to one of the caller's sessions.",
        Map.of("type", "object", "required", List.of("session_id", "text"), "additionalProperties", false,
          "properties", Map.of("session_id", id, "text", Map.of("type", "string", "minLength", 1,
            "maxLength", 10000))),
        ToolAnnotations.WRITES, "memory.tools.note_append", Scopes.MEMORY_WRITE), call -> {
          Map<String, Object> args = call.body().arguments();
          return messages.append(RequestConsumers.caller(call), new MessageDraft((String) args.get("session_id"),
            "system", args.get("text"), false, null)).map(ToolOutput::ofRecord);
        })
      .start();
  }


}
