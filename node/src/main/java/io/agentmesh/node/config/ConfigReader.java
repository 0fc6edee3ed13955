package io.agentmesh.node.config;

import io.vertx.core.json.JsonObject;

/** Typed, validated reads of configuration keys; a bad value is a {@link ConfigException} naming the key. */
final class ConfigReader {

  private final JsonObject json;

  ConfigReader(JsonObject json) {
    this.json = json;
  }

  int integer(String path, int min, int max) {
    Object value = ConfigPaths.get(json, path);
    if (value instanceof String text && text.matches("-?\\d{1,10}")) {
      value = Long.parseLong(text);
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new ConfigException(path, "expected an integer from " + min + " to " + max + ", got " + show(value)
        + " (" + sourceHint(path) + ")");
    }
    long n = number.longValue();
    if (n < min || n > max) {
      throw new ConfigException(path, "expected an integer from " + min + " to " + max + ", got " + n);
    }
    return (int) n;
  }

  boolean bool(String path) {
    Object value = ConfigPaths.get(json, path);
    if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(text);
    }
    if (!(value instanceof Boolean b)) {
      throw new ConfigException(path, "expected true or false, got " + show(value) + " (" + sourceHint(path) + ")");
    }
    return b;
  }

  String string(String path) {
    Object value = ConfigPaths.get(json, path);
    if (value == null) {
      return "";
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value).trim();
    }
    throw new ConfigException(path, "expected a string, got " + show(value));
  }

  String oneOf(String path, String... allowed) {
    String value = string(path);
    for (String candidate : allowed) {
      if (candidate.equals(value)) {
        return value;
      }
    }
    throw new ConfigException(path, "expected one of " + String.join(", ", allowed) + ", got " + show(value));
  }

  private static String show(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }

  private static String sourceHint(String path) {
    return "set in a config file, " + ConfigLoader.envName(path) + " or -D" + ConfigLoader.SYS_PREFIX + "." + path;
  }
}
