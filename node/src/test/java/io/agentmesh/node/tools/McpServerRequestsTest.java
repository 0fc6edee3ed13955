package io.agentmesh.node.tools;

import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What passes between a running tool and its MCP client across a cluster: a tool's question to the client
 * (elicitation, sampling) on the call's stream, answered by a POST that lands on another node; a stream ended
 * mid-call and resumed with Last-Event-ID on another node. Uses the conformance pack's fixture tools, as a guest
 * (the pack is on in these nodes), which also shows what a guest can and cannot reach.
 */
@DisplayName("/mcp server requests and resumable streams across nodes")
class McpServerRequestsTest {

  private static final long WAIT_S = 10;

  private static final String CLUSTER = TestClusters.newClusterName();

  @RegisterExtension
  static final TestNode a = TestNode.withRoles("gateway,auth,mcp,conformance").inCluster(CLUSTER)
    .configure(McpServerRequestsTest::withPack);
  @RegisterExtension
  static final TestNode b = TestNode.withRoles("gateway,mcp").inCluster(CLUSTER)
    .configure(McpServerRequestsTest::withPack);
  private static HttpClient http;

  @BeforeAll
  static void awaitPackTools() throws Exception {
    http = a.api().vertx().createHttpClient();
    Await.eventually(() -> tools(b.api(), initialize(b.api(), "2025-11-25", new JsonObject())).size(), n -> n >= 14);
  }

  @Test
  @DisplayName(
    "a tool's elicitation reaches the client on its stream; the answer, POSTed to another node, reaches the tool")
  void elicitationAnsweredOnAnotherNode() throws Exception {
    String session = initialize(a.api(), "2025-11-25", new JsonObject().put("elicitation", new JsonObject()));
    Stream stream = post(a, session, call(7, "test_elicitation", new JsonObject().put("message", "Who are you?")));
    JsonObject question = stream.next(message -> "elicitation/create".equals(message.getString("method")));
    assertThat(question.getJsonObject("params").getString("message")).isEqualTo("Who are you?");
    assertThat(question.getJsonObject("params").getJsonObject("requestedSchema").getJsonArray("required"))
      .containsExactly("username", "email");

    HttpResponse<Buffer> answered = rpc(b.api(), session, new JsonObject().put("jsonrpc", "2.0")
      .put("id", question.getValue("id")).put("result", new JsonObject().put("action", "accept")
        .put("content", new JsonObject().put("username", "ann").put("email", "ann@example.com"))));
    assertThat(answered.statusCode()).isEqualTo(202);

    JsonObject result = stream.next(message -> Integer.valueOf(7).equals(message.getValue("id")))
      .getJsonObject("result");
    assertThat(result.getBoolean("isError")).isFalse();
    assertThat(result.getJsonArray("content").getJsonObject(0).getString("text"))
      .startsWith("User response: action=accept").contains("ann@example.com");
  }

  @Test
  @DisplayName("a client that did not declare sampling is not asked: the tool answers with an error")
  void samplingNeedsTheCapability() {
    String session = initialize(b.api(), "2025-06-18", new JsonObject());
    JsonObject result = Api.json(rpc(b.api(), session, call(1, "test_sampling", new JsonObject().put("prompt", "hi"))))
      .getJsonObject("result");
    assertThat(result.getBoolean("isError")).isTrue();
    assertThat(result.getJsonArray("content").getJsonObject(0).getString("text"))
      .contains("does not support sampling/createMessage");
  }

  @Test
  @DisplayName("a stream the server ends mid-call resumes on another node with Last-Event-ID: nothing lost")
  void resumeOnAnotherNode() throws Exception {
    String session = initialize(a.api(), "2025-11-25", new JsonObject());
    Stream first = post(a, session, call(3, "test_reconnection", new JsonObject()));
    first.awaitEnd();
    assertThat(first.raw()).contains("retry: 500");
    assertThat(first.messages()).noneMatch(message -> message.containsKey("result"));
    String lastEventId = first.lastEventId();
    assertThat(lastEventId).as("the priming event gave an id").isNotNull();

    Stream resumed = get(b, session, lastEventId);
    JsonObject result = resumed.next(message -> Integer.valueOf(3).equals(message.getValue("id")));
    assertThat(result.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))
      .isEqualTo("Reconnection test completed");
    resumed.awaitEnd();

    Stream again = get(b, session, lastEventId);
    again.awaitEnd();
    assertThat(again.messages()).as("a finished stream delivered once is over").isEmpty();
  }

  @Test
  @DisplayName("a guest reaches the pack's fixtures and none of the platform's tools, prompts or data")
  void guestsReachOnlyThePack() {
    String session = initialize(b.api(), "2025-11-25", new JsonObject());
    List<String> names = tools(b.api(), session).stream().map(tool -> ((JsonObject) tool).getString("name")).toList();
    assertThat(names).contains("test_simple_text", "json_schema_2020_12_tool").doesNotContain("whoami");
    JsonObject whoami = Api.json(rpc(b.api(), session, call(2, "whoami", new JsonObject()))).getJsonObject("result");
    assertThat(whoami.getBoolean("isError")).isTrue();
    assertThat(whoami.getJsonArray("content").getJsonObject(0).getString("text")).contains("signed-in user");
    JsonArray prompts = Api.json(rpc(b.api(), session, new JsonObject().put("jsonrpc", "2.0").put("id", 3)
      .put("method", "prompts/list"))).getJsonObject("result").getJsonArray("prompts");
    assertThat(prompts.stream().map(p -> ((JsonObject) p).getString("name"))).allMatch(n -> n.startsWith("test_"));
    assertThat(b.api().get("/api/v1/agents", null).statusCode()).as("the REST API stays closed").isEqualTo(401);
  }

  @Test
  @DisplayName("DNS rebinding: a foreign Host or Origin gets 403; the node's own origin passes")
  void dnsRebinding() {
    JsonObject init = initializeRequest("2025-11-25", new JsonObject());
    int port = b.port();
    assertThat(b.api().call(HttpMethod.POST, "/mcp", null, init, Map.of("Host", "evil.example.com",
      "Origin", "http://evil.example.com")).statusCode()).isEqualTo(403);
    assertThat(b.api().call(HttpMethod.POST, "/mcp", null, init, Map.of("Origin", "http://evil.example.com"))
      .statusCode()).isEqualTo(403);
    assertThat(b.api().call(HttpMethod.POST, "/mcp", null, init, Map.of("Host", "127.0.0.1:" + port,
      "Origin", "http://127.0.0.1:" + port)).statusCode()).isEqualTo(200);
  }

  private static JsonObject withPack(JsonObject config) {
    config.getJsonObject("mcp").put("conformance_pack", true);
    return config;
  }

  private static JsonObject initializeRequest(String version, JsonObject capabilities) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", 0).put("method", "initialize").put("params",
      new JsonObject().put("protocolVersion", version).put("capabilities", capabilities)
        .put("clientInfo", new JsonObject().put("name", "test").put("version", "1")));
  }

  private static String initialize(Api api, String version, JsonObject capabilities) {
    HttpResponse<Buffer> init = api.call(HttpMethod.POST, "/mcp", null, initializeRequest(version, capabilities));
    assertThat(init.statusCode()).as(init.bodyAsString()).isEqualTo(200);
    return init.getHeader("MCP-Session-Id");
  }

  private static JsonArray tools(Api api, String session) {
    return Api.json(rpc(api, session, new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method",
      "tools/list"))).getJsonObject("result").getJsonArray("tools");
  }

  private static JsonObject call(Object id, String tool, JsonObject arguments) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call")
      .put("params", new JsonObject().put("name", tool).put("arguments", arguments));
  }

  private static HttpResponse<Buffer> rpc(Api api, String session, JsonObject body) {
    Map<String, String> headers = new HashMap<>();
    headers.put("MCP-Session-Id", session);
    return api.call(HttpMethod.POST, "/mcp", null, body, headers);
  }

  private static Stream post(TestNode node, String session, JsonObject body) throws Exception {
    return open(new RequestOptions().setMethod(HttpMethod.POST).setPort(node.port())
      .setHost("127.0.0.1").setURI("/mcp").addHeader("Content-Type", "application/json")
      .addHeader("Accept", "application/json, text/event-stream").addHeader("MCP-Session-Id", session), body);
  }

  private static Stream get(TestNode node, String session, String lastEventId) throws Exception {
    return open(new RequestOptions().setMethod(HttpMethod.GET).setPort(node.port())
      .setHost("127.0.0.1").setURI("/mcp").addHeader("Accept", "text/event-stream")
      .addHeader("MCP-Session-Id", session).addHeader("Last-Event-ID", lastEventId), null);
  }

  private static Stream open(RequestOptions options, JsonObject body) throws Exception {
    Stream stream = new Stream();
    // Handlers are set on the event loop as the response arrives, so no early chunk is missed.
    HttpClientResponse response = Await.result(http.request(options).compose(request -> body == null
      ? request.send() : request.send(body.toBuffer())).map(arrived -> arrived.handler(stream::feed)
      .endHandler(end -> stream.end())));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("text/event-stream");
    return stream;
  }

  /** A server-sent event stream read as it arrives: its messages, its event ids, its end. */
  private static final class Stream {

    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final List<JsonObject> seen = new ArrayList<>();
    private final StringBuilder raw = new StringBuilder();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile String lastEventId;
    private int parsed;

    synchronized void feed(Buffer chunk) {
      raw.append(chunk.toString());
      int boundary;
      while ((boundary = raw.indexOf("\n\n", parsed)) >= 0) {
        for (String line : raw.substring(parsed, boundary).split("\n")) {
          if (line.startsWith("id: ")) {
            lastEventId = line.substring(4);
          } else if (line.startsWith("data: ") && line.length() > 6) {
            JsonObject message = new JsonObject(line.substring(6));
            seen.add(message);
            messages.add(message);
          }
        }
        parsed = boundary + 2;
      }
    }

    void end() {
      ended.countDown();
    }

    JsonObject next(Predicate<JsonObject> wanted) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
      while (System.nanoTime() < deadline) {
        JsonObject message = messages.poll(100, TimeUnit.MILLISECONDS);
        if (message != null && wanted.test(message)) {
          return message;
        }
      }
      throw new AssertionError("no such message; stream so far: " + raw());
    }

    void awaitEnd() throws InterruptedException {
      assertThat(ended.await(WAIT_S, TimeUnit.SECONDS)).as("stream ended: " + raw()).isTrue();
    }

    synchronized String raw() {
      return raw.toString();
    }

    synchronized List<JsonObject> messages() {
      return List.copyOf(seen);
    }

    String lastEventId() {
      return lastEventId;
    }
  }
}
