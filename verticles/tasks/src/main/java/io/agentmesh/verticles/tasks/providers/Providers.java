package io.agentmesh.verticles.tasks.providers;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model providers configured on this node, by the name an agent's model gives ({@code model.provider}).
 * Nothing is a default: an agent naming a provider that is not configured gets a task that fails at once with
 * {@code invalid_request} and says how to configure one.
 */
public final class Providers {

  private final Map<String, ModelProvider> byName = new HashMap<>();

  private final List<ProviderEndpoint> endpoints = new ArrayList<>();

  public Providers(Vertx vertx, JsonObject config) {
    JsonObject scripted = config.getJsonObject("scripted", new JsonObject());
    if (!scripted.getJsonObject("scripts", new JsonObject()).isEmpty()) {
      byName.put("scripted", new ScriptedProvider(vertx, scripted.getJsonObject("scripts")));
    }
    HttpClient http = vertx.createHttpClient(new HttpClientOptions()
      .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
    JsonObject openai = config.getJsonObject("openai", new JsonObject());
    if (!openai.getString("base_url", "").isBlank()) {
      ProviderEndpoint endpoint = endpoint(vertx, http, "openai", openai, bearer(openai.getString("api_key", "")));
      byName.put("openai", new OpenAiProvider(endpoint));
    }
    JsonObject anthropic = config.getJsonObject("anthropic", new JsonObject());
    if (!anthropic.getString("base_url", "").isBlank()) {
      Map<String, String> headers = new HashMap<>(Map.of("anthropic-version",
        anthropic.getString("version", "2023-06-01")));
      if (!anthropic.getString("api_key", "").isBlank()) {
        headers.put("x-api-key", anthropic.getString("api_key"));
      }
      byName.put("anthropic", new AnthropicProvider(endpoint(vertx, http, "anthropic", anthropic, headers)));
    }
    JsonObject ollama = config.getJsonObject("ollama", new JsonObject());
    if (!ollama.getString("base_url", "").isBlank()) {
      byName.put("ollama", new OllamaProvider(endpoint(vertx, http, "ollama", ollama, Map.of())));
    }
  }

  /** The configured HTTP endpoints (name → base URL), for service discovery; never their keys. */
  public Map<String, String> endpoints() {
    Map<String, String> all = new LinkedHashMap<>();
    endpoints.forEach(endpoint -> all.put(endpoint.name, endpoint.baseUrl));
    return all;
  }

  private ProviderEndpoint endpoint(Vertx vertx, HttpClient http, String name, JsonObject config,
                                    Map<String, String> headers) {
    ProviderEndpoint endpoint = new ProviderEndpoint(vertx, http, name, config.getString("base_url"), headers,
      config.getLong("timeout_ms", 60_000L), config.getInteger("max_concurrency", 32));
    endpoints.add(endpoint);
    return endpoint;
  }

  private static Map<String, String> bearer(String key) {
    return key.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + key);
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
