package io.agentmesh.node.tools;

import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolOutput;
import io.agentmesh.contract.tools.ToolRegistration;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.agentmesh.node.agents.AgentsApiTest.draft;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The /mcp endpoint")
class McpEndpointTest {

  private static final String CLUSTER = TestClusters.newClusterName();

  @RegisterExtension
  static final TestNode a = TestNode.withRoles("gateway,auth,agents,memory,mcp").inCluster(CLUSTER);
  @RegisterExtension
  static final TestNode b = TestNode.withRoles("gateway,mcp").inCluster(CLUSTER);
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    token = a.api().accessToken(a.api().newUser("mcpuser"));
    Await.eventually(() -> Api.json(a.api().get("/api/v1/tools?limit=100", token)).getJsonArray("data").size(),
      tools -> tools >= 8);
  }

  @Test
  @DisplayName("initialize negotiates a version and opens a session that another node serves")
  void sessionAcrossNodes() {
    HttpResponse<Buffer> init = rpc(a.api(), null, request(1, "initialize", new JsonObject()
      .put("protocolVersion", "2025-06-18").put("capabilities", new JsonObject())
      .put("clientInfo", new JsonObject().put("name", "test").put("version", "1"))));
    assertThat(init.statusCode()).isEqualTo(200);
    String session = init.getHeader("MCP-Session-Id");
    assertThat(session).startsWith("mcs_").hasSizeGreaterThan(40);
    JsonObject result = Api.json(init).getJsonObject("result");
    assertThat(result.getString("protocolVersion")).isEqualTo("2025-06-18");
    assertThat(result.getJsonObject("capabilities").containsKey("tools")).isTrue();
    assertThat(rpc(b.api(), session, new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized"))
      .statusCode()).isEqualTo(202);
    assertThat(Api.json(rpc(b.api(), session, request(2, "ping", null))).getJsonObject("result")).isEmpty();

    HttpResponse<Buffer> unknownVersion = rpc(b.api(), session, request(3, "ping", null), Map.of("MCP-Protocol-Version",
      "1999-01-01"));
    assertThat(unknownVersion.statusCode()).isEqualTo(400);

    String stranger = a.api().accessToken(a.api().newUser("stranger"));
    HttpResponse<Buffer> stolen = b.api().call(HttpMethod.POST, "/mcp", stranger, request(4, "ping", null),
      Map.of("MCP-Session-Id", session));
    assertThat(stolen.statusCode()).as("another user's session").isEqualTo(404);

    assertThat(b.api().call(HttpMethod.DELETE, "/mcp", token, null, Map.of("MCP-Session-Id", session)).statusCode())
      .isEqualTo(204);
    assertThat(rpc(a.api(), session, request(5, "ping", null)).statusCode()).as("ended").isEqualTo(404);
  }

  @Test
  @DisplayName("tools/list describes the registry's tools; tools/call runs them as the caller")
  void tools() {
    String session = open(a.api());
    JsonArray tools = Api.json(rpc(b.api(), session, request(1, "tools/list", new JsonObject())))
      .getJsonObject("result").getJsonArray("tools");
    JsonObject whoami = tools.stream().map(JsonObject.class::cast).filter(t -> t.getString("name").equals("whoami"))
      .findFirst().orElseThrow();
    assertThat(whoami.getJsonObject("outputSchema")).isNotNull();
    assertThat(whoami.getJsonObject("annotations").getBoolean("readOnlyHint")).isTrue();

    JsonObject called = Api.json(rpc(b.api(), session, request(2, "tools/call", new JsonObject().put("name",
      "whoami"))))
      .getJsonObject("result");
    assertThat(called.getBoolean("isError")).isFalse();
    assertThat(called.getJsonObject("structuredContent").getString("user_id")).isNotBlank();
    assertThat(called.getJsonArray("content").getJsonObject(0).getString("type")).isEqualTo("text");

    String agent = Api.json(a.api().post("/api/v1/agents", token, draft("mcp target"))).getString("id");
    JsonObject got = Api.json(rpc(a.api(), session, request(3, "tools/call", new JsonObject().put("name", "agents_get")
      .put("arguments", new JsonObject().put("id", agent))))).getJsonObject("result");
    assertThat(got.getBoolean("isError")).isFalse();
    assertThat(got.getJsonArray("content").getJsonObject(0).getString("text")).contains("mcp target");

    JsonObject badArgs = Api.json(rpc(a.api(), session, request(4, "tools/call", new JsonObject().put("name",
      "agents_get")
      .put("arguments", new JsonObject().put("id", 7))))).getJsonObject("result");
    assertThat(badArgs.getBoolean("isError")).isTrue();
    assertThat(badArgs.getJsonArray("content").getJsonObject(0).getString("text")).contains("arguments");
  }

  @Test
  @DisplayName("answers JSON-RPC errors with the right codes, and never mixes two clients' ids")
  void errors() {
    String session = open(a.api());
    assertThat(code(a.api().postRaw("/mcp", token, "{\"jsonrpc\": \"2.0\", \"id\": 1,", Map.of("MCP-Session-Id",
      session)))).isEqualTo(-32700);
    HttpResponse<Buffer> batch = a.api().postRaw("/mcp", token, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]",
      Map.of("MCP-Session-Id", session));
    assertThat(batch.statusCode()).isEqualTo(400);
    assertThat(code(batch)).isEqualTo(-32600);
    assertThat(code(rpc(a.api(), session, new JsonObject().put("jsonrpc", "1.0").put("id", 1).put("method", "ping"))))
      .isEqualTo(-32600);
    assertThat(code(rpc(a.api(), session, request(2, "resources/teleport", null)))).isEqualTo(-32601);
    assertThat(code(rpc(a.api(), session, request(3, "tools/call", new JsonObject().put("name", "no_such_tool")))))
      .isEqualTo(-32602);
    assertThat(code(rpc(a.api(), session, request(4, "tools/call", new JsonObject().put("name", 5)))))
      .isEqualTo(-32602);
    assertThat(rpc(a.api(), null, request(5, "ping", null)).statusCode()).as("no session header").isEqualTo(400);
    HttpResponse<Buffer> anonymous = a.api().call(HttpMethod.POST, "/mcp", null, request(6, "ping", null));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.getHeader("WWW-Authenticate")).contains("resource_metadata=\"http://127.0.0.1:"
      + a.port() + "/.well-known/oauth-protected-resource\"");
    JsonObject metadata = Api.json(a.api().get("/.well-known/oauth-protected-resource", null));
    assertThat(metadata.getString("resource")).endsWith("/mcp");
    assertThat(metadata.getJsonArray("scopes_supported").getList()).contains("tools:call");
    assertThat(a.api().call(HttpMethod.POST, "/mcp", token, request(7, "initialize", new JsonObject()),
      Map.of("Origin", "https://evil.example")).statusCode()).isEqualTo(403);

    String other = open(b.api());
    JsonObject mine = Api.json(rpc(a.api(), session, request(42, "ping", null)));
    JsonObject theirs = Api.json(rpc(b.api(), other, request(42, "tools/list", new JsonObject())));
    assertThat(mine.getJsonObject("result")).isEmpty();
    assertThat(theirs.getJsonObject("result").containsKey("tools")).isTrue();
  }

  @Test
  @DisplayName("streams notifications/tools/list_changed to an open session when any node's tools change")
  void listChangedStream() throws Exception {
    String session = open(a.api());
    HttpClient http = b.api().vertx().createHttpClient();
    CompletableFuture<String> notified = new CompletableFuture<>();
    StringBuilder received = new StringBuilder();
    HttpClientResponse response = Await.result(http.request(HttpMethod.GET,
        b.port(), "127.0.0.1", "/mcp")
      .compose(request -> request.putHeader("Authorization", "Bearer " + token)
        .putHeader("MCP-Session-Id", session).putHeader("Accept", "text/event-stream").send())
      .onSuccess(arrived -> arrived.handler(chunk -> {
        received.append(chunk.toString());
        if (received.toString().contains("notifications/tools/list_changed")) {
          notified.complete(received.toString());
        }
      })));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("text/event-stream");
    ToolDefinition probe = new ToolDefinition(
      "stream_probe", "Probe", "A tool registered by the test.", Map.of("type", "object"), null,
      ToolAnnotations.READ_ONLY, "test", "test.tools.stream_probe", null);
    Await.result(a.vertx().eventBus().request(ToolsAddresses.REGISTER,
      new ToolRegistration("test_" + session.substring(4, 12), List.of(probe))));
    assertThat(notified.get(10, TimeUnit.SECONDS)).contains("event: message");
    http.close();
  }

  @Test
  @DisplayName("with a progress token, answers as an event stream: progress, then the result")
  void progressStream() {
    String session = open(a.api());
    HttpResponse<Buffer> streamed = rpc(b.api(), session, request(9, "tools/call", new JsonObject().put("name",
      "whoami")
      .put("_meta", new JsonObject().put("progressToken", "p-1"))));
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.getHeader("Content-Type")).isEqualTo("text/event-stream");
    String body = streamed.bodyAsString();
    assertThat(body).contains("notifications/progress", "\"progressToken\":\"p-1\"", "\"id\":9", "structuredContent");
    assertThat(body.indexOf("notifications/progress")).isLessThan(body.indexOf("\"id\":9"));
  }

  @Test
  @DisplayName("a cancellation sent to another node ends the call at once, with no response")
  void cancellation() throws Exception {
    ToolDefinition slow = new ToolDefinition("slow_probe",
      "Slow", "Answers after three seconds.", Map.of("type", "object"), null,
      ToolAnnotations.READ_ONLY, "test", "test.tools.slow", null);
    Promise<Void> arrived = Promise.promise();
    Await.result(a.vertx().eventBus().consumer("test.tools.slow", call -> {
      arrived.tryComplete();
      a.vertx().setTimer(3000, t -> call.reply(new ToolOutput(Map.of("done", true))));
    }).completion());
    Await.result(a.vertx().eventBus().request(ToolsAddresses.REGISTER,
      new ToolRegistration("slowtest", List.of(slow))));
    String session = open(a.api());
    Await.eventually(() -> a.api().get("/api/v1/tools/slow_probe", token).statusCode(), status -> status == 200);
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<Buffer>> call = CompletableFuture
      .supplyAsync(() -> rpc(a.api(), session, request("slow-1", "tools/call", new JsonObject().put("name",
        "slow_probe"))));
    Await.result(arrived.future()); // the call is in flight on the tool's handler
    assertThat(rpc(b.api(), session, new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/cancelled")
      .put("params", new JsonObject().put("requestId", "slow-1").put("reason", "user stopped"))).statusCode())
      .isEqualTo(202);
    HttpResponse<Buffer> ended = call.get(10, TimeUnit.SECONDS);
    assertThat((System.nanoTime() - start) / 1_000_000).as("ended before the tool answered").isLessThan(2500);
    assertThat(ended.statusCode()).isEqualTo(202);
    assertThat(ended.body() == null ? "" : ended.bodyAsString()).isEmpty();
  }

  @Test
  @DisplayName(
    "a second call with an id already in flight is refused or answered, never left hanging; the first completes")
  void duplicateIdsInFlight() throws Exception {
    ToolDefinition slow = new ToolDefinition("dup_probe",
      "Slow", "Answers after half a second.", Map.of("type", "object"), null,
      ToolAnnotations.READ_ONLY, "test", "test.tools.dup", null);
    Promise<Void> arrived = Promise.promise();
    Await.result(a.vertx().eventBus().consumer("test.tools.dup", call -> {
      arrived.tryComplete();
      a.vertx().setTimer(500, t -> call.reply(new ToolOutput(Map.of("done", true))));
    }).completion());
    Await.result(a.vertx().eventBus().request(ToolsAddresses.REGISTER,
      new ToolRegistration("duptest", List.of(slow))));
    String session = open(a.api());
    Await.eventually(() -> a.api().get("/api/v1/tools/dup_probe", token).statusCode(), status -> status == 200);
    CompletableFuture<HttpResponse<Buffer>> first = CompletableFuture
      .supplyAsync(() -> rpc(a.api(), session, request("same", "tools/call", new JsonObject().put("name",
        "dup_probe"))));
    Await.result(arrived.future()); // the first call is in flight on the tool's handler
    HttpResponse<Buffer> second = rpc(a.api(), session, request("same", "tools/call",
      new JsonObject().put("name", "dup_probe")));
    // On the instance holding the first call the id is refused at once; another instance answers it: never a hang.
    JsonObject answer = Api.json(second);
    if (answer.containsKey("error")) {
      assertThat(code(second)).isEqualTo(-32600);
    } else {
      assertThat(answer.getJsonObject("result").getBoolean("isError")).isFalse();
    }
    JsonObject done = Api.json(first.get(10, TimeUnit.SECONDS)).getJsonObject("result");
    assertThat(done.getBoolean("isError")).isFalse();
  }

  @Test
  @DisplayName("prompts are the caller's agents' instructions, resources their session transcripts, nobody else's")
  void promptsAndResources() {
    String agent = Api.json(a.api().post("/api/v1/agents", token, draft("prompter"))).getString("id");
    String sessionId = Api.json(a.api().post("/api/v1/agents/" + agent + "/sessions", token,
      new JsonObject().put("title", "weather chat"))).getString("id");
    a.api().post("/api/v1/sessions/" + sessionId + "/messages", token, new JsonObject().put("role", "user")
      .put("content", "Will it rain in Paris?"));
    String session = open(a.api());
    JsonArray prompts = Api.json(rpc(b.api(), session, request(1, "prompts/list", null))).getJsonObject("result")
      .getJsonArray("prompts");
    assertThat(prompts.stream().map(p -> ((JsonObject) p).getString("name"))).contains(agent);
    JsonObject prompt = Api.json(rpc(b.api(), session, request(2, "prompts/get", new JsonObject().put("name", agent)
      .put("arguments", new JsonObject().put("task", "summarize the news"))))).getJsonObject("result");
    assertThat(prompt.getJsonArray("messages").getJsonObject(0).getJsonObject("content").getString("text"))
      .contains("Be brief.", "Task: summarize the news");

    String uri = "agentmesh://sessions/" + sessionId;
    JsonArray resources = Api.json(rpc(b.api(), session, request(3, "resources/list", null))).getJsonObject("result")
      .getJsonArray("resources");
    assertThat(resources.stream().map(r -> ((JsonObject) r).getString("uri"))).contains(uri);
    JsonObject read = Api.json(rpc(a.api(), session, request(4, "resources/read", new JsonObject().put("uri", uri))))
      .getJsonObject("result");
    assertThat(read.getJsonArray("contents").getJsonObject(0).getString("text"))
      .contains("user: Will it rain in Paris?");

    JsonArray templates = Api.json(rpc(a.api(), session, request(40, "resources/templates/list", null)))
      .getJsonObject("result").getJsonArray("resourceTemplates");
    assertThat(templates.getJsonObject(0).getString("uriTemplate")).isEqualTo("agentmesh://sessions/{session_id}");
    JsonObject completion = Api.json(rpc(a.api(), session, request(41, "completion/complete", new JsonObject()
      .put("ref", new JsonObject().put("type", "ref/resource").put("uri", "agentmesh://sessions/{session_id}"))
      .put("argument", new JsonObject().put("name", "session_id").put("value", sessionId.substring(0, 12))))))
      .getJsonObject("result").getJsonObject("completion");
    assertThat(completion.getJsonArray("values").getList()).contains(sessionId);

    String otherToken = a.api().accessToken(a.api().newUser("nosy"));
    String otherSession = rpc(a.api(), null, request(0, "initialize", new JsonObject()), Map.of())
      .getHeader("MCP-Session-Id");
    HttpResponse<Buffer> foreignPrompt = a.api().call(HttpMethod.POST, "/mcp", otherToken, request(5, "prompts/get",
      new JsonObject().put("name", agent)), Map.of("MCP-Session-Id", otherSession));
    assertThat(foreignPrompt.statusCode()).as("a session of the token's owner is needed").isEqualTo(404);
    String nosySession = a.api().call(HttpMethod.POST, "/mcp", otherToken, request(0, "initialize", new JsonObject()))
      .getHeader("MCP-Session-Id");
    assertThat(code(a.api().call(HttpMethod.POST, "/mcp", otherToken, request(6, "prompts/get",
      new JsonObject().put("name", agent)), Map.of("MCP-Session-Id", nosySession)))).isEqualTo(-32602);
    assertThat(code(a.api().call(HttpMethod.POST, "/mcp", otherToken, request(7, "resources/read",
      new JsonObject().put("uri", uri)), Map.of("MCP-Session-Id", nosySession)))).isEqualTo(-32002);
  }

  @Test
  @DisplayName("logging/setLevel decides which notifications/message a session's call streams carry")
  void logging() {
    String session = open(a.api());
    JsonObject progress = new JsonObject().put("progressToken", "log-1");
    assertThat(Api.json(rpc(a.api(), session, request(1, "logging/setLevel", new JsonObject().put("level", "warning"))))
      .getJsonObject("result")).isEmpty();
    String quiet = rpc(a.api(), session, request(2, "tools/call", new JsonObject().put("name", "whoami")
      .put("_meta", progress))).bodyAsString();
    assertThat(quiet).doesNotContain("notifications/message");
    rpc(a.api(), session, request(3, "logging/setLevel", new JsonObject().put("level", "debug")));
    String chatty = rpc(a.api(), session, request(4, "tools/call", new JsonObject().put("name", "whoami")
      .put("_meta", progress))).bodyAsString();
    assertThat(chatty).contains("notifications/message", "calling tool whoami");
    assertThat(code(rpc(a.api(), session, request(5, "logging/setLevel", new JsonObject().put("level", "loud")))))
      .isEqualTo(-32602);
  }

  @Test
  @DisplayName("a subscribed session transcript announces notifications/resources/updated on the session's stream")
  void resourceSubscription() throws Exception {
    String agent = Api.json(a.api().post("/api/v1/agents", token, draft("watched"))).getString("id");
    String memorySession = Api.json(a.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    String uri = "agentmesh://sessions/" + memorySession;
    String session = open(a.api());
    HttpClient http = b.api().vertx().createHttpClient();
    CompletableFuture<String> updated = new CompletableFuture<>();
    StringBuilder received = new StringBuilder();
    // The handler is set on the client's event loop as the response arrives: set later from this thread, a chunk
    // could pass unseen.
    HttpClientResponse stream = Await.result(http.request(HttpMethod.GET,
        b.port(), "127.0.0.1", "/mcp")
      .compose(request -> request.putHeader("Authorization", "Bearer " + token)
        .putHeader("MCP-Session-Id", session).send())
      .onSuccess(response -> response.handler(chunk -> {
        received.append(chunk.toString());
        if (received.toString().contains("notifications/resources/updated")) {
          updated.complete(received.toString());
        }
      })));
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(Api.json(rpc(a.api(), session, request(1, "resources/subscribe", new JsonObject().put("uri", uri))))
      .getJsonObject("result")).isEmpty();
    assertThat(code(rpc(a.api(), session, request(2, "resources/subscribe", new JsonObject()
      .put("uri", "agentmesh://sessions/ses_not_mine"))))).isEqualTo(-32002);
    assertThat(a.api().post("/api/v1/sessions/" + memorySession + "/messages", token, new JsonObject()
      .put("role", "user").put("content", "something new")).statusCode()).isEqualTo(201);
    assertThat(updated.get(10, TimeUnit.SECONDS)).contains(uri);
    assertThat(Api.json(rpc(b.api(), session, request(3, "resources/unsubscribe", new JsonObject().put("uri", uri))))
      .getJsonObject("result")).isEmpty();
    http.close();
  }

  private static String open(Api api) {
    return rpc(api, null, request(0, "initialize", new JsonObject().put("protocolVersion", "2025-11-25")))
      .getHeader("MCP-Session-Id");
  }

  private static JsonObject request(Object id, String method, JsonObject params) {
    JsonObject request = new JsonObject().put("jsonrpc", "2.0").put("id", id).put("method", method);
    return params == null ? request : request.put("params", params);
  }

  private static HttpResponse<Buffer> rpc(Api api, String session, JsonObject body) {
    return rpc(api, session, body, Map.of());
  }

  private static HttpResponse<Buffer> rpc(Api api, String session, JsonObject body, Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>(extra);
    if (session != null) {
      headers.put("MCP-Session-Id", session);
    }
    return api.call(HttpMethod.POST, "/mcp", token, body, headers);
  }

  private static int code(HttpResponse<Buffer> response) {
    return Api.json(response).getJsonObject("error").getInteger("code");
  }

}
