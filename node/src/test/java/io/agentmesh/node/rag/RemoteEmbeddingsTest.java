package io.agentmesh.node.rag;

import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Collections embedded by a server: an OpenAI-compatible endpoint and an Ollama one, both played by a local HTTP
 * server speaking their wire formats (a hashed bag of words as the "model", so texts sharing words are near).
 */
@DisplayName("Collections embedded by OpenAI-compatible and Ollama servers")
class RemoteEmbeddingsTest {

  private static final int PORT = FreePorts.next();
  private static final int DIMENSIONS = 64;
  private static final Vertx SERVER_VERTX = Vertx.vertx();
  private static final AtomicBoolean FAILING = new AtomicBoolean();
  private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
  private static final Map<String, String> KEYS = new ConcurrentHashMap<>();

  static {
    SERVER_VERTX.createHttpServer().requestHandler(RemoteEmbeddingsTest::answer).listen(PORT, "127.0.0.1")
      .toCompletionStage().toCompletableFuture().join();
  }

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,rag").configure(config -> {
    JsonObject providers = config.getJsonObject("providers");
    providers.getJsonObject("openai").put("base_url", "http://127.0.0.1:" + PORT + "/v1").put("api_key", "sk-test");
    providers.getJsonObject("ollama").put("base_url", "http://127.0.0.1:" + PORT);
  });

  @AfterAll
  static void stopServer() throws Exception {
    Await.result(SERVER_VERTX.close());
  }

  @Test
  @DisplayName("ingest and search by each server's model, across models at once; a failing server is a 503 for "
    + "semantic search only")
  void remoteModels() throws Exception {
    String token = node.api().accessToken(node.api().newUser("remote"));
    String openai = collection(token, "openai/fake-embed", 800, 400);
    String ollama = collection(token, "ollama/fake-embed", null, null);
    String local = collection(token, "all-minilm-l6-v2-q", null, null);
    ingest(token, openai, "tides.txt", "High tide floods the lower harbour road twice a day.");
    ingest(token, openai, "bread.txt", "The bakery opens at six with rye and sourdough loaves.");
    ingest(token, ollama, "stars.txt", "Orion rises in the east on winter evenings.");
    ingest(token, local, "trains.txt", "The night train to the coast leaves at eleven.");
    assertThat(CALLS.get("/v1/embeddings").get()).as("batched: one call per document").isEqualTo(2);
    assertThat(KEYS.get("/v1/embeddings")).isEqualTo("Bearer sk-test");
    assertThat(KEYS.get("/api/embed")).as("the OpenAI key goes to OpenAI only").isEmpty();

    assertThat(first(search(token, List.of(openai), "harbour road tide", "semantic"))).isEqualTo("tides.txt");
    assertThat(first(search(token, List.of(ollama), "Orion winter", "semantic"))).isEqualTo("stars.txt");
    JsonArray across = Api.json(search(token, List.of(openai, ollama, local), "sourdough rye bakery", "hybrid"))
      .getJsonArray("hits");
    assertThat(across.getJsonObject(0).getString("document_name")).as(across.encode()).isEqualTo("bread.txt");

    HttpResponse<Buffer> unknown = node.api().post("/api/v1/collections", token, new JsonObject().put("name", "x")
      .put("embedding_model", "cohere/embed"));
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(unknown.bodyAsString()).contains("embedding_model").contains("openai/<model>");
    assertThat(node.api().post("/api/v1/collections", token, new JsonObject().put("name", "x")
        .put("embedding_model", "openai/fake-embed").put("chunking", new JsonObject().put("max_tokens", 5000)))
      .statusCode()).isEqualTo(422);

    FAILING.set(true);
    try {
      HttpResponse<Buffer> down = search(token, List.of(openai), "a question never asked before", "semantic");
      assertThat(down.statusCode()).as(down.bodyAsString()).isEqualTo(503);
      assertThat(down.getHeader("Retry-After")).isNotNull();
      assertThat(down.bodyAsString()).doesNotContain("Exception");
      assertThat(first(search(token, List.of(openai), "sourdough", "keyword"))).isEqualTo("bread.txt");
    } finally {
      FAILING.set(false);
    }
  }

  private static String collection(String token, String model, Integer maxTokens, Integer overlap) {
    JsonObject body = new JsonObject().put("name", model).put("embedding_model", model);
    if (maxTokens != null) {
      body.put("chunking", new JsonObject().put("max_tokens", maxTokens).put("overlap_tokens", overlap));
    }
    HttpResponse<Buffer> created = node.api().post("/api/v1/collections", token, body);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return Api.json(created).getString("id");
  }

  private static void ingest(String token, String collection, String name, String text) throws Exception {
    String job = Api.json(node.api().post("/api/v1/collections/" + collection + "/documents", token,
      new JsonObject().put("name", name).put("text", text))).getString("id");
    Await.eventually(Duration.ofSeconds(60), () -> Api.json(node.api().get("/api/v1/ingest-jobs/" + job, token)),
      state -> state.getString("status").equals("completed"));
  }

  private static HttpResponse<Buffer> search(String token, List<String> collections, String query, String mode) {
    return node.api().post("/api/v1/search", token, new JsonObject().put("query", query).put("mode", mode)
      .put("collection_ids", new JsonArray(collections)));
  }

  private static String first(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return Api.json(response).getJsonArray("hits").getJsonObject(0).getString("document_name");
  }

  /** Both wire formats; 500 while {@link #FAILING}. */
  private static void answer(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      CALLS.computeIfAbsent(request.path(), path -> new AtomicInteger()).incrementAndGet();
      KEYS.put(request.path(), String.valueOf(request.getHeader("Authorization")).replace("null", ""));
      if (FAILING.get()) {
        request.response().setStatusCode(500).end("{\"error\":\"overloaded\"}");
        return;
      }
      JsonObject json = body.toJsonObject();
      JsonArray input = json.getJsonArray("input");
      JsonObject reply = new JsonObject();
      if (request.path().equals("/api/embed")) {
        JsonArray embeddings = new JsonArray();
        input.forEach(text -> embeddings.add(vector((String) text)));
        reply.put("model", json.getString("model")).put("embeddings", embeddings);
      } else if (request.path().equals("/v1/embeddings")) {
        JsonArray data = new JsonArray();
        for (int i = input.size() - 1; i >= 0; i--) { // out of order: clients must sort by index
          data.add(new JsonObject().put("object", "embedding").put("index", i).put("embedding",
            vector(input.getString(i))));
        }
        reply.put("object", "list").put("data", data);
      } else {
        request.response().setStatusCode(404).end();
        return;
      }
      request.response().putHeader("Content-Type", "application/json").end(reply.encode());
    });
  }

  private static JsonArray vector(String text) {
    double[] values = new double[DIMENSIONS];
    for (String word : text.toLowerCase().split("[^a-z]+")) {
      if (word.length() > 2) {
        values[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
      }
    }
    values[0] += 0.01; // never the zero vector
    double norm = Math.sqrt(Arrays.stream(values).map(v -> v * v).sum());
    JsonArray vector = new JsonArray();
    for (double value : values) {
      vector.add(value / norm);
    }
    return vector;
  }
}
