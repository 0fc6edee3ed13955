package io.agentmesh.verticles.tasks.providers;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * The pieces of a model request the three wire formats share: tools as {@code {type: function, function: {name,
 * description, parameters}}} (Chat Completions and Ollama), and a tool call's arguments, which the neutral messages
 * hold as a JSON text or an object, as whichever the format wants.
 */
final class FunctionCalling {

  private FunctionCalling() {
  }

  @SuppressWarnings("unchecked")
  static JsonArray functionTools(List<Map<String, Object>> tools) {
    return new JsonArray(tools.stream().map(tool -> new JsonObject().put("type", "function")
      .put("function", new JsonObject().put("name", tool.get("name")).put("description", tool.get("description"))
        .put("parameters", new JsonObject((Map<String, Object>) tool.get("input_schema"))))).toList());
  }

  @SuppressWarnings("unchecked")
  static JsonObject argumentsObject(Object arguments) {
    return arguments instanceof String text ? new JsonObject(text) : new JsonObject((Map<String, Object>) arguments);
  }

  static String argumentsText(Object arguments) {
    return arguments instanceof String text ? text : argumentsObject(arguments).encode();
  }
}
