package io.agentmesh.node.config;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Dotted paths ({@code http.port}) over nested JSON configuration. */
final class ConfigPaths {

  private ConfigPaths() {
  }

  /**
   * The settable keys: every scalar, and every object that is empty in the defaults, which is a setting whose value
   * is an object (model name to script, model name to price) rather than a section.
   */
  static List<String> leaves(JsonObject json) {
    List<String> paths = new ArrayList<>();
    collect(json, "", paths);
    return paths;
  }

  private static void collect(JsonObject json, String prefix, List<String> paths) {
    for (String key : json.fieldNames()) {
      Object value = json.getValue(key);
      if (value instanceof JsonObject nested && !nested.isEmpty()) {
        collect(nested, prefix + key + ".", paths);
      } else {
        paths.add(prefix + key);
      }
    }
  }

  static Object get(JsonObject json, String path) {
    JsonObject current = json;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = current.getValue(parts[i]);
      if (!(next instanceof JsonObject object)) {
        return null;
      }
      current = object;
    }
    return current.getValue(parts[parts.length - 1]);
  }

  static void put(JsonObject json, String path, Object value) {
    JsonObject current = json;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      if (!(current.getValue(parts[i]) instanceof JsonObject)) {
        current.put(parts[i], new JsonObject());
      }
      current = current.getJsonObject(parts[i]);
    }
    current.put(parts[parts.length - 1], value);
  }
}
