package io.agentmesh.verticles.tasks.providers;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/**
 * The model providers configured on this node, by the name an agent's model gives ({@code model.provider}).
 * Nothing is a default: an agent naming a provider that is not configured gets a task that fails at once with
 * {@code invalid_request} and says how to configure one.
 */
public final class Providers {

  private final Map<String, ModelProvider> byName = new HashMap<>();

  public Providers(Vertx vertx, JsonObject config) {
    JsonObject scripted = config.getJsonObject("scripted", new JsonObject());
    if (!scripted.getJsonObject("scripts", new JsonObject()).isEmpty()) {
      byName.put("scripted", new ScriptedProvider(vertx, scripted.getJsonObject("scripts")));
    }
  }

  public ModelProvider get(String name) {
    ModelProvider provider = byName.get(name);
    if (provider == null) {
      throw new ProviderException("invalid_request", "No model provider named '" + name + "' is configured on "
        + "this platform. Configure it under providers." + name + " (see the README, section Model providers); "
        + "configured now: " + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ".", false, 0);
    }
    return provider;
  }
}
