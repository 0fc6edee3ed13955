package io.agentmesh.verticles.agents;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** JSON merge patch (RFC 7386): null removes a member, objects merge recursively, anything else replaces. */
final class MergePatch {

  private MergePatch() {
  }

  static JsonObject apply(JsonObject target, Map<String, Object> patch) {
    JsonObject result = target.copy();
    for (Map.Entry<String, Object> entry : patch.entrySet()) {
      Object value = entry.getValue();
      if (value == null) {
        result.remove(entry.getKey());
      } else if (value instanceof Map<?, ?> nested && result.getValue(entry.getKey()) instanceof JsonObject current) {
        @SuppressWarnings("unchecked")
        Map<String, Object> nestedPatch = (Map<String, Object>) nested;
        result.put(entry.getKey(), apply(current, nestedPatch));
      } else {
        result.put(entry.getKey(), value instanceof Map<?, ?> map ? stripNulls(new JsonObject(castMap(map))) : value);
      }
    }
    return result;
  }

  private static JsonObject stripNulls(JsonObject object) {
    object.getMap().values().removeIf(Objects::isNull);
    return object;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return new LinkedHashMap<>((Map<String, Object>) map);
  }
}
