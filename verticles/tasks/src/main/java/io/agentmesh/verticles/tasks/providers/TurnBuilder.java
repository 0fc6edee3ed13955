package io.agentmesh.verticles.tasks.providers;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects a streamed model turn: text, tool calls assembled from their deltas (by index), usage, stop reason. */
final class TurnBuilder {

  private static final class Call {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
    Map<String, Object> parsed;
  }

  private final StringBuilder text = new StringBuilder();
  private final Map<Integer, Call> calls = new TreeMap<>();
  private int inputTokens;
  private int outputTokens;
  private String finishReason;

  void text(String delta) {
    text.append(delta);
  }

  /** A piece of tool call {@code index}: any of id, name, a fragment of its JSON arguments. */
  void call(int index, String id, String name, String argumentsFragment) {
    Call call = calls.computeIfAbsent(index, i -> new Call());
    if (id != null && !id.isEmpty()) {
      call.id = id;
    }
    if (name != null && !name.isEmpty()) {
      call.name = name;
    }
    if (argumentsFragment != null) {
      call.arguments.append(argumentsFragment);
    }
  }

  /** A tool call whose arguments came whole, as an object (Ollama). */
  void call(int index, String id, String name, Map<String, Object> arguments) {
    call(index, id, name, (String) null);
    calls.get(index).parsed = arguments;
  }

  void inputTokens(int tokens) {
    inputTokens = tokens;
  }

  void outputTokens(int tokens) {
    outputTokens = tokens;
  }

  void finishReason(String reason) {
    if (reason != null) {
      finishReason = reason;
    }
  }

  /** The turn; arguments that are not a JSON object fail it as a provider error (the model produced garbage). */
  ModelTurn build() {
    List<ToolCallRequest> requests = new ArrayList<>();
    for (Map.Entry<Integer, Call> entry : calls.entrySet()) {
      Call call = entry.getValue();
      requests.add(new ToolCallRequest(call.id == null ? "call_" + entry.getKey() : call.id, call.name,
        call.parsed != null ? call.parsed : arguments(call)));
    }
    return new ModelTurn(text.toString(), requests, inputTokens, outputTokens,
      finishReason == null ? (requests.isEmpty() ? "stop" : "tool_calls") : finishReason);
  }

  private static Map<String, Object> arguments(Call call) {
    String json = call.arguments.toString().strip();
    if (json.isEmpty()) {
      return Map.of();
    }
    try {
      return new JsonObject(json).getMap();
    } catch (DecodeException | ClassCastException e) {
      throw new ProviderException("provider_error", "The model's arguments for " + call.name
        + " are not a JSON object.", false, 0);
    }
  }
}
