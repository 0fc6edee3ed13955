package io.agentmesh.verticles.rag;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedding models this node offers, by the name a collection gives: the local model ({@value LocalMiniLm#NAME})
 * always; {@code openai/<model>} and {@code ollama/<model>} when that provider's {@code base_url} is configured.
 * Recent query vectors are kept per model. Touched only by the domain verticle's event loop.
 */
final class EmbeddingModels {

  private static final int CACHED_QUERIES = 4096;
  /** Texts per request to an embedding server (OpenAI takes up to 2048 inputs; smaller requests fail smaller). */
  private static final int REMOTE_BATCH = 64;
  /**
   * The largest chunk a collection on a server model may choose, counted in the local model's word pieces (the
   * chunker's measure); servers' windows are larger than the local model's 256 (OpenAI's file search uses 800).
   */
  static final int REMOTE_MAX_CHUNK_TOKENS = 2048;

  private final EmbeddingLanes local;
  private final Map<RemoteEmbeddings.Api, RemoteEmbeddings> remotes = new EnumMap<>(RemoteEmbeddings.Api.class);
  private final HttpClient http;
  private final Map<String, float[]> recentQueries = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
      return size() > CACHED_QUERIES;
    }
  };

  EmbeddingModels(Vertx vertx, EmbeddingLanes local, JsonObject providers) {
    this.local = local;
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    for (RemoteEmbeddings.Api api : RemoteEmbeddings.Api.values()) {
      JsonObject provider = providers.getJsonObject(api.provider, new JsonObject());
      String baseUrl = provider.getString("base_url", "");
      if (!baseUrl.isBlank()) {
        remotes.put(api, new RemoteEmbeddings(vertx, http, api, baseUrl, provider.getString("api_key", ""),
          provider.getLong("timeout_ms", 60_000L)));
      }
    }
  }

  boolean offers(String model) {
    return model.equals(LocalMiniLm.NAME) || remote(model) != null;
  }

  /** What this node offers, for an error message. */
  String offered() {
    List<String> names = new ArrayList<>(List.of(LocalMiniLm.NAME));
    remotes.keySet().forEach(api -> names.add(api.provider + "/<model>"));
    return String.join(", ", names);
  }

  /** The largest chunk, in word pieces, that {@code model} reads whole. */
  int maxChunkTokens(String model, int localMax) {
    return model.equals(LocalMiniLm.NAME) ? localMax : REMOTE_MAX_CHUNK_TOKENS;
  }

  /** Vectors of a document's chunks, in order: the local model's bulk lane, or the model's server. */
  Future<List<float[]>> bulk(String model, List<String> texts) {
    if (model.equals(LocalMiniLm.NAME)) {
      return local.bulk(texts);
    }
    RemoteEmbeddings remote = remote(model);
    if (remote == null) {
      return Future.failedFuture(new IllegalStateException("no embedding endpoint for " + model));
    }
    List<float[]> vectors = new ArrayList<>(texts.size());
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < texts.size(); from += REMOTE_BATCH) {
      List<String> part = texts.subList(from, Math.min(texts.size(), from + REMOTE_BATCH));
      chain = chain.compose(v -> remote.embed(name(model), part).map(vectors::addAll).mapEmpty());
    }
    return chain.map(vectors);
  }

  /** A query's vector by {@code model}: from the recent ones, or computed (the local model's query lane). */
  Future<float[]> query(String model, String text) {
    String key = model + '\n' + text;
    float[] known = recentQueries.get(key);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    RemoteEmbeddings remote = remote(model);
    Future<float[]> computed = model.equals(LocalMiniLm.NAME) ? local.query(text)
      : remote == null ? Future.failedFuture(new IllegalStateException("no embedding endpoint for " + model))
      : remote.embed(name(model), List.of(text)).map(vectors -> vectors.get(0));
    return computed.onSuccess(vector -> recentQueries.put(key, vector));
  }

  Future<Void> close() {
    return Future.join(local.close(), http.close()).mapEmpty();
  }

  private RemoteEmbeddings remote(String model) {
    int slash = model.indexOf('/');
    if (slash <= 0 || slash == model.length() - 1) {
      return null;
    }
    String provider = model.substring(0, slash);
    return remotes.entrySet().stream().filter(entry -> entry.getKey().provider.equals(provider))
      .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  private static String name(String model) {
    return model.substring(model.indexOf('/') + 1);
  }
}
