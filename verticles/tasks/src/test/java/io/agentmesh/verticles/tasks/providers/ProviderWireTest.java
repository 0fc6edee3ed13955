package io.agentmesh.verticles.tasks.providers;

import io.agentmesh.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each provider client against a local HTTP server that replays that provider's documented wire format (fixtures
 * under {@code fixtures/<provider>/}, their sources noted in each file), cut into random chunks of 1 to 17 bytes
 * sent a millisecond apart: deltas, tool calls assembled from argument fragments, usage, errors and 429 with
 * Retry-After, cancellation mid-stream. The server also records what each client sent.
 */
@DisplayName("Model provider clients on their wire formats")
class ProviderWireTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static int port;
  private static final Map<String, JsonObject> received = new ConcurrentHashMap<>();
  private static final Map<String, Map<String, String>> headers = new ConcurrentHashMap<>();
  private static final AtomicInteger brokenHits = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = Await.result(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      String fixture = request.path().split("/")[1];
      received.put(fixture, body.length() == 0 ? new JsonObject() : body.toJsonObject());
      Map<String, String> seen = new HashMap<>();
      request.headers().forEach(entry -> seen.put(entry.getKey().toLowerCase(), entry.getValue()));
      headers.put(fixture, seen);
      serve(fixture, request.response());
    })).listen(0, "127.0.0.1"));
    port = server.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    Await.result(server.close());
    Await.result(vertx.close());
  }

  @Test
  @DisplayName("openai: text deltas in order, usage from the last chunk, the request as Chat Completions wants it")
  void openAiText() throws Exception {
    List<String> deltas = new CopyOnWriteArrayList<>();
    ModelTurn turn = Await.result(provider("openai", "openai-text").complete(request(), deltas::add));
    assertThat(String.join("", deltas)).isEqualTo("Hello there, ünïcode ✓");
    assertThat(turn.text()).isEqualTo("Hello there, ünïcode ✓");
    assertThat(turn.inputTokens()).isEqualTo(9);
    assertThat(turn.outputTokens()).isEqualTo(12);
    assertThat(turn.finishReason()).isEqualTo("stop");
    JsonObject sent = received.get("openai-text");
    assertThat(sent.getBoolean("stream")).isTrue();
    assertThat(sent.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
    assertThat(sent.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name"))
      .isEqualTo("get_weather");
    assertThat(sent.getJsonArray("messages").getJsonObject(2).getJsonArray("tool_calls").getJsonObject(0)
      .getJsonObject("function").getString("arguments")).isEqualTo("{\"location\":\"Oslo\"}");
    assertThat(sent.getInteger("max_tokens")).isEqualTo(256);
    assertThat(headers.get("openai-text").get("authorization")).isEqualTo("Bearer test-key");
  }

  @Test
  @DisplayName("openai: two parallel tool calls assembled from argument fragments")
  void openAiToolCalls() throws Exception {
    ModelTurn turn = Await.result(provider("openai", "openai-tool_calls").complete(request(), delta -> { }));
    assertThat(turn.toolCalls()).extracting(ToolCallRequest::id, ToolCallRequest::name).containsExactly(
      org.assertj.core.groups.Tuple.tuple("call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather"),
      org.assertj.core.groups.Tuple.tuple("call_pwJtN2WSY1aWVMQe9Y1Yq4Lh", "get_time"));
    assertThat(turn.toolCalls().get(0).arguments()).isEqualTo(Map.of("location", "Paris, France"));
    assertThat(turn.toolCalls().get(1).arguments()).isEqualTo(Map.of("zone", "CET"));
    assertThat(turn.finishReason()).isEqualTo("tool_calls");
    assertThat(turn.inputTokens()).isEqualTo(80);
  }

  @Test
  @DisplayName("openai: 429 is rate_limited and retryable with its Retry-After; 400 is invalid_request, not retried")
  void openAiErrors() {
    assertThatThrownBy(() -> Await.result(provider("openai", "openai-rate_limited").complete(request(), delta -> { })))
      .isInstanceOf(ProviderException.class)
      .satisfies(failure -> {
        ProviderException provider = (ProviderException) failure;
        assertThat(provider.code()).isEqualTo("rate_limited");
        assertThat(provider.retryable()).isTrue();
        assertThat(provider.retryAfterMs()).isEqualTo(2000);
        assertThat(provider.getMessage()).contains("Rate limit reached");
      });
    assertThatThrownBy(() -> Await.result(provider("openai", "openai-bad_request").complete(request(), delta -> { })))
      .satisfies(failure -> {
        ProviderException provider = (ProviderException) failure;
        assertThat(provider.code()).isEqualTo("invalid_request");
        assertThat(provider.retryable()).isFalse();
      });
  }

  @Test
  @DisplayName("anthropic: text deltas, usage from message_start and message_delta, system prompt and headers")
  void anthropicText() throws Exception {
    List<String> deltas = new CopyOnWriteArrayList<>();
    ModelTurn turn = Await.result(provider("anthropic", "anthropic-text").complete(request(), deltas::add));
    assertThat(String.join("", deltas)).isEqualTo("Hello, ünïcode ✓");
    assertThat(turn.inputTokens()).isEqualTo(25);
    assertThat(turn.outputTokens()).isEqualTo(15);
    assertThat(turn.finishReason()).isEqualTo("stop");
    JsonObject sent = received.get("anthropic-text");
    assertThat(sent.getString("system")).isEqualTo("Be brief.");
    assertThat(sent.getInteger("max_tokens")).isEqualTo(256);
    JsonArray messages = sent.getJsonArray("messages");
    assertThat(messages.getJsonObject(1).getJsonArray("content").getJsonObject(0).getString("type"))
      .isEqualTo("tool_use");
    assertThat(messages.getJsonObject(2).getJsonArray("content").getJsonObject(0).getString("tool_use_id"))
      .isEqualTo("call_1");
    assertThat(headers.get("anthropic-text")).containsEntry("x-api-key", "test-key")
      .containsEntry("anthropic-version", "2023-06-01").doesNotContainKey("authorization");
  }

  @Test
  @DisplayName("anthropic: a tool_use block's input assembled from input_json_delta fragments")
  void anthropicToolUse() throws Exception {
    ModelTurn turn = Await.result(provider("anthropic", "anthropic-tool_use").complete(request(), delta -> { }));
    assertThat(turn.text()).isEqualTo("Let me check.");
    assertThat(turn.toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.id()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
      assertThat(call.arguments()).isEqualTo(Map.of("location", "San Francisco, CA"));
    });
    assertThat(turn.finishReason()).isEqualTo("tool_calls");
  }

  @Test
  @DisplayName("anthropic: an error event is a retryable provider error; 429 is rate_limited with retry-after")
  void anthropicErrors() {
    assertThatThrownBy(() -> Await.result(provider("anthropic", "anthropic-overloaded").complete(request(), d -> { })))
      .satisfies(failure -> {
        assertThat(((ProviderException) failure).code()).isEqualTo("provider_error");
        assertThat(((ProviderException) failure).retryable()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("Overloaded");
      });
    assertThatThrownBy(() -> Await.result(provider("anthropic", "anthropic-rate_limited").complete(request(),
      d -> { })))
      .satisfies(failure -> {
        assertThat(((ProviderException) failure).code()).isEqualTo("rate_limited");
        assertThat(((ProviderException) failure).retryAfterMs()).isEqualTo(2000);
      });
  }

  @Test
  @DisplayName("ollama: NDJSON deltas, counts from the done line, tool calls with object arguments")
  void ollama() throws Exception {
    List<String> deltas = new CopyOnWriteArrayList<>();
    ModelTurn text = Await.result(provider("ollama", "ollama-text").complete(request(), deltas::add));
    assertThat(String.join("", deltas)).isEqualTo("Hello from ünïcode ✓");
    assertThat(text.inputTokens()).isEqualTo(26);
    assertThat(text.outputTokens()).isEqualTo(282);
    assertThat(received.get("ollama-text").getJsonObject("options").getInteger("num_predict")).isEqualTo(256);
    ModelTurn tools = Await.result(provider("ollama", "ollama-tool_calls").complete(request(), delta -> { }));
    assertThat(tools.toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.name()).isEqualTo("get_current_weather");
      assertThat(call.arguments()).isEqualTo(Map.of("format", "celsius", "location", "Paris, FR"));
    });
    assertThat(tools.finishReason()).isEqualTo("tool_calls");
  }

  @Test
  @DisplayName("a cancellation mid-stream fails the call at once and closes the connection")
  void cancellation() throws Exception {
    ModelRequest request = request();
    List<String> deltas = new CopyOnWriteArrayList<>();
    Future<ModelTurn> call = provider("openai", "slow-openai-text").complete(request, delta -> {
      deltas.add(delta);
      request.cancellation().fire("cancelled");
    });
    assertThatThrownBy(() -> Await.result(call)).satisfies(failure ->
      assertThat(((ProviderException) failure).code()).isEqualTo("cancelled"));
    assertThat(deltas).hasSize(1);
  }

  @Test
  @DisplayName("max_concurrency: a call beyond the limit waits until one ends, then runs (nothing is dropped)")
  void concurrencyLimit() throws Exception {
    JsonObject settings = new JsonObject().put("base_url", "http://127.0.0.1:" + port + "/slow-ollama-text")
      .put("timeout_ms", 5000).put("max_concurrency", 1);
    ModelProvider limited = new Providers(vertx, new JsonObject().put("ollama", settings)).get("ollama");
    List<Long> firstDeltas = new CopyOnWriteArrayList<>();
    long[] firstEnded = {0};
    Future<ModelTurn> one = limited.complete(request(), delta -> { });
    one.onComplete(done -> firstEnded[0] = System.nanoTime());
    Future<ModelTurn> two = limited.complete(request(), delta -> {
      if (firstDeltas.isEmpty()) {
        firstDeltas.add(System.nanoTime());
      }
    });
    assertThat(Await.result(two).text()).isEqualTo("Hello from ünïcode ✓");
    assertThat(Await.result(one).text()).isEqualTo("Hello from ünïcode ✓");
    assertThat(firstDeltas.get(0)).as("the second began after the first ended").isGreaterThan(firstEnded[0]);
  }

  @Test
  @DisplayName("circuit breaker: after 5 failures in a row the endpoint is not called for a while; calls fail fast, "
    + "retryably")
  void circuitOpens() {
    ModelProvider broken = provider("openai", "openai-broken");
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> Await.result(broken.complete(request(), delta -> { }))).satisfies(failure -> {
        assertThat(((ProviderException) failure).code()).isEqualTo("provider_error");
        assertThat(failure.getMessage()).contains("HTTP 500");
      });
    }
    assertThatThrownBy(() -> Await.result(broken.complete(request(), delta -> { }))).satisfies(failure -> {
      assertThat(failure.getMessage()).contains("failed repeatedly");
      assertThat(((ProviderException) failure).retryable()).isTrue();
      assertThat(((ProviderException) failure).retryAfterMs()).isEqualTo(30_000);
    });
    assertThat(brokenHits.get()).as("the open circuit kept the sixth call home").isEqualTo(5);
  }

  private static ModelProvider provider(String type, String fixture) {
    JsonObject settings = new JsonObject().put("base_url", "http://127.0.0.1:" + port + "/" + fixture)
      .put("api_key", "test-key").put("timeout_ms", 5000);
    return new Providers(vertx, new JsonObject().put(type, settings)).get(type);
  }

  /** A conversation with a system prompt, an earlier tool call and its result, and one tool. */
  private static ModelRequest request() {
    List<Map<String, Object>> messages = new ArrayList<>(List.of(
      Map.of("role", "system", "content", "Be brief."),
      Map.of("role", "user", "content", "Weather in Oslo?"),
      Map.of("role", "assistant", "content", "", "tool_calls", List.of(Map.of("id", "call_1", "name", "get_weather",
        "arguments", Map.of("location", "Oslo")))),
      Map.of("role", "tool", "tool_call_id", "call_1", "content", "-3 C"),
      Map.of("role", "user", "content", "And now?")));
    List<Map<String, Object>> tools = List.of(Map.of("name", "get_weather", "description", "Weather of a place",
      "input_schema", Map.of("type", "object", "properties", Map.of("location", Map.of("type", "string")))));
    return new ModelRequest("test-model", messages, tools, Map.of("max_output_tokens", 256), new Cancellation());
  }

  /** Replays fixture {@code <provider>-<name>} in random small chunks; a {@code slow-} prefix spaces them 30 ms. */
  private static void serve(String fixture, HttpServerResponse response) {
    if (fixture.equals("openai-broken")) {
      brokenHits.incrementAndGet();
      response.setStatusCode(500).putHeader("Content-Type", "application/json")
        .end("{\"error\":{\"message\":\"The server had an error while processing your request.\"}}");
      return;
    }
    boolean slow = fixture.startsWith("slow-");
    String name = slow ? fixture.substring(5) : fixture;
    String provider = name.substring(0, name.indexOf('-'));
    String file = name.substring(name.indexOf('-') + 1);
    String extension = file.startsWith("rate_limited") || file.startsWith("bad_request") ? ".json"
      : provider.equals("ollama") ? ".ndjson" : ".sse";
    byte[] body = fixture("fixtures/" + provider + "/" + file + extension);
    int status = file.startsWith("rate_limited") ? 429 : file.startsWith("bad_request") ? 400 : 200;
    response.setStatusCode(status).setChunked(true).putHeader("Content-Type", extension.equals(".sse")
      ? "text/event-stream" : extension.equals(".ndjson") ? "application/x-ndjson" : "application/json");
    if (status == 429) {
      response.putHeader(provider.equals("anthropic") ? "retry-after" : "Retry-After", "2");
    }
    List<Buffer> chunks = new ArrayList<>();
    Random random = new Random(fixture.hashCode());
    for (int i = 0; i < body.length; ) {
      int size = Math.min(body.length - i, 1 + random.nextInt(17));
      chunks.add(Buffer.buffer(Arrays.copyOfRange(body, i, i + size)));
      i += size;
    }
    send(response, chunks, 0, slow ? 30 : 1);
  }

  private static void send(HttpServerResponse response, List<Buffer> chunks, int next, long gapMs) {
    if (response.closed()) {
      return;
    }
    if (next == chunks.size()) {
      response.end();
      return;
    }
    response.write(chunks.get(next));
    vertx.setTimer(gapMs, t -> send(response, chunks, next + 1, gapMs));
  }

  /** The fixture without its leading '#' source notes. */
  private static byte[] fixture(String path) {
    try (InputStream in = ProviderWireTest.class.getClassLoader().getResourceAsStream(path)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      StringBuilder kept = new StringBuilder();
      for (String line : text.split("\n", -1)) {
        if (!line.startsWith("#")) {
          kept.append(line).append('\n');
        }
      }
      return kept.substring(0, kept.length() - 1).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
