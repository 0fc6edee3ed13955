package io.agentmesh.node.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The settings whose values are objects, checked at start like every other key, so a mistake in a script or a
 * price stops the node with the path of the wrong value instead of surfacing when a task first uses it.
 */
final class ObjectSettings {

  private static final String SCRIPTS = "providers.scripted.scripts";
  private static final String PRICES = "tasks.prices";
  private static final List<String> TURN_FIELDS = List.of("deltas", "tool_calls", "delay_ms", "input_tokens",
    "output_tokens");

  private ObjectSettings() {
  }

  static void validate(JsonObject json) {
    object(json, SCRIPTS).forEach(model -> turns(SCRIPTS + "." + model.getKey(), model.getValue()));
    object(json, PRICES).forEach(model -> price(PRICES + "." + model.getKey(), model.getValue()));
  }

  private static JsonObject object(JsonObject json, String path) {
    Object value = ConfigPaths.get(json, path);
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject object)) {
      throw new ConfigException(path, "must be an object");
    }
    return object;
  }

  /**
   * A script: turns of {@code deltas} (strings), {@code tool_calls} ({name, arguments}), and whole numbers 0 or more
   * {@code delay_ms}, {@code input_tokens}, {@code output_tokens}.
   */
  private static void turns(String path, Object value) {
    if (!(value instanceof JsonArray turns) || turns.isEmpty()) {
      throw new ConfigException(path, "must be a non-empty list of turns");
    }
    for (int i = 0; i < turns.size(); i++) {
      String at = path + "[" + i + "]";
      if (!(turns.getValue(i) instanceof JsonObject turn)) {
        throw new ConfigException(at, "must be an object with deltas, tool_calls, delay_ms");
      }
      for (String field : turn.fieldNames()) {
        if (!TURN_FIELDS.contains(field)) {
          throw new ConfigException(at + "." + field, "is not a field of a turn " + TURN_FIELDS);
        }
      }
      if (turn.containsKey("deltas") && !(turn.getValue("deltas") instanceof JsonArray deltas
        && deltas.stream().allMatch(String.class::isInstance))) {
        throw new ConfigException(at + ".deltas", "must be a list of strings");
      }
      for (String count : List.of("delay_ms", "input_tokens", "output_tokens")) {
        if (turn.containsKey(count) && !(turn.getValue(count) instanceof Number number && number.longValue() >= 0
          && number.doubleValue() == Math.rint(number.doubleValue()))) {
          throw new ConfigException(at + "." + count, "must be a whole number, 0 or more");
        }
      }
      if (turn.containsKey("tool_calls")) {
        toolCalls(at + ".tool_calls", turn.getValue("tool_calls"));
      }
    }
  }

  private static void toolCalls(String path, Object value) {
    if (!(value instanceof JsonArray calls)) {
      throw new ConfigException(path, "must be a list of {name, arguments}");
    }
    for (int i = 0; i < calls.size(); i++) {
      if (!(calls.getValue(i) instanceof JsonObject call) || !(call.getValue("name") instanceof String)
        || call.containsKey("arguments") && !(call.getValue("arguments") instanceof JsonObject)) {
        throw new ConfigException(path + "[" + i + "]", "must be {\"name\": string, \"arguments\": object}");
      }
    }
  }

  private static void price(String path, Object value) {
    if (!(value instanceof JsonObject price)) {
      throw new ConfigException(path, "must be {\"input_per_mtok\": number, \"output_per_mtok\": number}");
    }
    for (String field : price.fieldNames()) {
      if (!field.equals("input_per_mtok") && !field.equals("output_per_mtok")) {
        throw new ConfigException(path + "." + field, "is not a field of a price (input_per_mtok, output_per_mtok)");
      }
      if (!(price.getValue(field) instanceof Number number) || number.doubleValue() < 0) {
        throw new ConfigException(path + "." + field, "must be a number, 0 or more (USD per million tokens)");
      }
    }
  }
}
