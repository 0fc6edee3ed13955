package io.agentmesh.verticles.agents;

import io.vertx.core.json.JsonObject;

/**
 * Settings of the agents domain (config section {@code agents}); the defaults are in config/default.json only.
 *
 * @param cacheEnabled keep recently read agents in each node, dropped on every change cluster-wide
 */
record AgentsOptions(boolean cacheEnabled) {

  static AgentsOptions fromConfig(JsonObject config) {
    return new AgentsOptions(config.getJsonObject("agents").getBoolean("cache_enabled"));
  }
}
