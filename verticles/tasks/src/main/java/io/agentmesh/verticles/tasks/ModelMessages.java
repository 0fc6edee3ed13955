package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.memory.Message;
import io.agentmesh.verticles.tasks.providers.ModelTurn;
import io.agentmesh.verticles.tasks.providers.ToolCallRequest;
import io.vertx.core.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translations between memory's messages (content a string or a list of parts: text, tool_call, tool_result) and
 * the neutral model messages providers take ({@code role, content, tool_calls, tool_call_id}).
 */
final class ModelMessages {

  private ModelMessages() {
  }

  static Map<String, Object> of(Message message) {
    if (!(message.content() instanceof List<?> parts)) {
      return Map.of("role", message.role(), "content", String.valueOf(message.content()));
    }
    StringBuilder text = new StringBuilder();
    List<Map<String, Object>> calls = new ArrayList<>();
    String toolCallId = null;
    for (Object item : parts) {
      Map<?, ?> part = (Map<?, ?>) item;
      switch (String.valueOf(part.get("type"))) {
        case "tool_call" -> calls.add(Map.of("id", String.valueOf(part.get("id")), "name",
          String.valueOf(part.get("name")), "arguments", part.get("arguments") == null ? "{}" : part.get("arguments")));
        case "tool_result" -> {
          toolCallId = String.valueOf(part.get("tool_call_id"));
          text.append(part.get("content"));
        }
        default -> text.append(part.get("text") == null ? "" : part.get("text"));
      }
    }
    Map<String, Object> neutral = new LinkedHashMap<>();
    neutral.put("role", message.role());
    neutral.put("content", text.toString());
    if (!calls.isEmpty()) {
      neutral.put("tool_calls", calls);
    }
    if (toolCallId != null) {
      neutral.put("tool_call_id", toolCallId);
    }
    return neutral;
  }

  static Map<String, Object> assistant(ModelTurn turn) {
    Map<String, Object> neutral = new LinkedHashMap<>();
    neutral.put("role", "assistant");
    neutral.put("content", turn.text() == null ? "" : turn.text());
    if (!turn.toolCalls().isEmpty()) {
      neutral.put("tool_calls", turn.toolCalls().stream().map(ModelMessages::call).toList());
    }
    return neutral;
  }

  /** What memory stores for the assistant's turn: its text, or parts when it called tools. */
  static Object assistantContent(ModelTurn turn) {
    if (turn.toolCalls().isEmpty()) {
      return turn.text() == null ? "" : turn.text();
    }
    List<Map<String, Object>> parts = new ArrayList<>();
    if (turn.text() != null && !turn.text().isEmpty()) {
      parts.add(Map.of("type", "text", "text", turn.text()));
    }
    for (ToolCallRequest call : turn.toolCalls()) {
      parts.add(Map.of("type", "tool_call", "id", call.id(), "name", call.name(), "arguments",
        Json.encode(call.arguments())));
    }
    return parts;
  }

  static Map<String, Object> toolResult(String callId, String text) {
    return Map.of("role", "tool", "tool_call_id", callId, "content", text == null ? "" : text);
  }

  private static Map<String, Object> call(ToolCallRequest call) {
    return Map.of("id", call.id(), "name", call.name(), "arguments", call.arguments());
  }
}
