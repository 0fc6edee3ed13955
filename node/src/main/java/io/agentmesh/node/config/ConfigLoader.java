package io.agentmesh.node.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the configuration through vertx-config, later sources winning: {@code config/default.json}, then an optional
 * file, then environment variables ({@code AGENTMESH_HTTP_PORT} for {@code http.port}), then system properties
 * ({@code -Dagentmesh.http.port=...}). Only keys that a config file declares are read from the environment
 * and system properties; an object-valued key ({@code providers.scripted.scripts}) takes JSON there.
 */
public final class ConfigLoader {

  static final String DEFAULTS = "config/default.json";
  static final String ENV_PREFIX = "AGENTMESH_";
  static final String SYS_PREFIX = "agentmesh";

  private ConfigLoader() {
  }

  public static Future<JsonObject> load(Vertx vertx, String optionalFile) {
    List<ConfigStoreOptions> files = new ArrayList<>();
    files.add(fileStore(DEFAULTS));
    if (optionalFile != null && !optionalFile.isBlank()) {
      files.add(fileStore(optionalFile));
    }
    return retrieve(vertx, files).compose(base -> {
      List<String> leaves = ConfigPaths.leaves(base);
      ConfigStoreOptions env = new ConfigStoreOptions().setType("env").setConfig(new JsonObject()
        .put("keys", new JsonArray(leaves.stream().map(ConfigLoader::envName).toList())));
      ConfigStoreOptions sys = new ConfigStoreOptions().setType("sys")
        .setConfig(new JsonObject().put("hierarchical", true));
      return retrieve(vertx, List.of(env, sys)).map(overrides -> overlay(base, overrides, leaves));
    });
  }

  /** The environment variable that sets a key: {@code bus.send_timeout_ms} is {@code AGENTMESH_BUS_SEND_TIMEOUT_MS}. */
  public static String envName(String path) {
    return ENV_PREFIX + path.toUpperCase().replace('.', '_');
  }

  private static JsonObject overlay(JsonObject base, JsonObject overrides, List<String> leaves) {
    JsonObject system = overrides.getJsonObject(SYS_PREFIX, new JsonObject());
    JsonObject result = base.copy();
    for (String path : leaves) {
      Object fromEnv = overrides.getValue(envName(path));
      if (fromEnv != null) {
        ConfigPaths.put(result, path, ConfigPaths.get(base, path) instanceof JsonObject ? object(path, fromEnv)
          : fromEnv);
      }
      Object fromSystem = ConfigPaths.get(system, path);
      if (fromSystem != null) {
        ConfigPaths.put(result, path, fromSystem);
      }
    }
    return result;
  }

  /** An object-valued setting from the environment: its variable holds the object as JSON. */
  private static JsonObject object(String path, Object value) {
    if (value instanceof JsonObject object) {
      return object;
    }
    try {
      return new JsonObject(String.valueOf(value));
    } catch (RuntimeException e) {
      throw new ConfigException(path, envName(path) + " must hold a JSON object");
    }
  }

  private static ConfigStoreOptions fileStore(String path) {
    return new ConfigStoreOptions().setType("file").setFormat("json").setConfig(new JsonObject().put("path", path));
  }

  private static Future<JsonObject> retrieve(Vertx vertx, List<ConfigStoreOptions> stores) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(0);
    stores.forEach(options::addStore);
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
      .recover(failure -> Future.failedFuture(new ConfigException("config", "cannot read configuration: "
        + failure.getMessage())))
      .onComplete(done -> retriever.close());
  }
}
