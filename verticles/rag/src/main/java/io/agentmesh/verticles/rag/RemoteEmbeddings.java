package io.agentmesh.verticles.rag;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings from a server, configured as the model providers are ({@code providers.openai}, {@code
 * providers.ollama}): an OpenAI-compatible {@code POST <base_url>/embeddings} ({@code data[].embedding} by {@code
 * index}) or Ollama's {@code POST <base_url>/api/embed} ({@code embeddings}). Non-blocking, with a timeout and a
 * circuit breaker (5 failures in a row open it for 30 s: calls fail at once with a retryable 503 meanwhile). The
 * key goes only to its own base URL.
 */
final class RemoteEmbeddings {

  /** The two wire formats. */
  enum Api {
    OPENAI("openai", "/embeddings"), OLLAMA("ollama", "/api/embed");

    final String provider;
    final String path;

    Api(String provider, String path) {
      this.provider = provider;
      this.path = path;
    }
  }

  private final Api api;
  private final HttpClient http;
  private final String baseUrl;
  private final String apiKey;
  private final long timeoutMs;
  private final CircuitBreaker breaker;

  RemoteEmbeddings(Vertx vertx, HttpClient http, Api api, String baseUrl, String apiKey, long timeoutMs) {
    this.api = api;
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.apiKey = apiKey;
    this.timeoutMs = timeoutMs;
    this.breaker = CircuitBreaker.create("embeddings-" + api.provider, vertx, new CircuitBreakerOptions()
      .setMaxFailures(5).setResetTimeout(30_000).setTimeout(-1));
  }

  /** The vectors of {@code texts} by the server's {@code model}, in order. */
  Future<List<float[]>> embed(String model, List<String> texts) {
    if (texts.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return breaker.<List<float[]>>execute(() -> call(model, texts))
      .recover(failure -> Future.failedFuture(DomainException.retryLater(ErrorCode.UNAVAILABLE,
        failure instanceof OpenCircuitException ? "The " + api.provider + " embedding endpoint failed repeatedly; "
          + "calls pause for 30 s." : "The " + api.provider + " embedding endpoint failed: " + failure.getMessage(),
        failure instanceof OpenCircuitException ? 30 : 1)));
  }

  private Future<List<float[]>> call(String model, List<String> texts) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(baseUrl + api.path)
      .setIdleTimeout(timeoutMs).setConnectTimeout(Math.min(timeoutMs, 10_000))
      .addHeader("Content-Type", "application/json").addHeader("Accept", "application/json");
    if (apiKey != null && !apiKey.isEmpty()) {
      options.addHeader("Authorization", "Bearer " + apiKey);
    }
    JsonObject body = new JsonObject().put("model", model).put("input", new JsonArray(new ArrayList<>(texts)));
    return http.request(options)
      .compose(request -> request.send(body.toBuffer()))
      .compose(response -> response.body().compose(read -> response.statusCode() / 100 == 2
        ? Future.succeededFuture(vectors(read.toJsonObject(), texts.size()))
        : Future.failedFuture("HTTP " + response.statusCode())));
  }

  private List<float[]> vectors(JsonObject reply, int expected) {
    List<float[]> vectors = new ArrayList<>();
    if (api == Api.OLLAMA) {
      reply.getJsonArray("embeddings", new JsonArray()).forEach(vector -> vectors.add(floats((JsonArray) vector)));
    } else {
      float[][] byIndex = new float[expected][];
      reply.getJsonArray("data", new JsonArray()).forEach(item -> {
        JsonObject entry = (JsonObject) item;
        byIndex[entry.getInteger("index")] = floats(entry.getJsonArray("embedding"));
      });
      vectors.addAll(List.of(byIndex));
    }
    if (vectors.size() != expected || vectors.stream().anyMatch(vector -> vector == null || vector.length == 0)) {
      throw new IllegalStateException("expected " + expected + " vectors, got " + vectors.size());
    }
    return vectors;
  }

  private static float[] floats(JsonArray values) {
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = values.getNumber(i).floatValue();
    }
    return vector;
  }
}
