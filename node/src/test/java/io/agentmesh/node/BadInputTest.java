package io.agentmesh.node;

import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The outside test's repros of bad input: each a 4xx problem naming the field, and nothing stored. */
@DisplayName("Bad input gets a 4xx naming the field")
class BadInputTest {

  private static Node node;
  private static Api api;
  private static String token;
  private static String session;

  @BeforeAll
  static void start() {
    node = TestNodes.start(TestNodes.config(TestClusters.newClusterName(), FreePorts.next()),
      "gateway,auth,agents,memory,mcp");
    api = new Api(node.config().httpPort());
    token = api.accessToken(api.newUser("careless"));
    String agent = Api.json(api.post("/api/v1/agents", token, new JsonObject().put("name", "a")
      .put("model", new JsonObject().put("provider", "openai").put("name", "gpt-4o")))).getString("id");
    session = Api.json(api.post("/api/v1/agents/" + agent + "/sessions", token, null)).getString("id");
  }

  @AfterAll
  static void stop() {
    api.close();
    node.stop();
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Api.json(response).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo(field);
  }

  @Test
  @DisplayName("NUL and lone surrogates in strings: 422 naming the field, on anonymous routes too; nothing stored")
  void text() {
    assertProblem(api.postRaw("/api/v1/auth/login", null, "{\"username\":\"a\\u0000b\",\"password\":\"x\"}",
      Map.of()), 422, "username");
    assertProblem(api.postRaw("/api/v1/sessions/" + session + "/messages", token,
      "{\"role\":\"user\",\"content\":\"half \\ud800 a pair\"}", Map.of()), 422, "content");
    assertProblem(api.postRaw("/api/v1/agents", token, "{\"name\":\"x\",\"metadata\":{\"k\\u0000\":1},"
      + "\"model\":{\"provider\":\"openai\",\"name\":\"m\"}}", Map.of()), 422, "metadata.(a field name)");
    assertThat(Api.json(api.get("/api/v1/sessions/" + session + "/messages", token)).getJsonArray("data")).isEmpty();
  }

  @Test
  @DisplayName("numbers out of range: 422, in an enum field and in a tool's string argument")
  void numbers() {
    assertProblem(api.postRaw("/api/v1/sessions/" + session + "/messages", token, "{\"role\":1e400,\"content\":\"x\"}",
      Map.of()), 422, "role");
    assertProblem(api.postRaw("/api/v1/tools/agents_get/invoke", token, "{\"arguments\":{\"id\":1e400}}", Map.of()),
      422, "arguments.id");
  }

  @Test
  @DisplayName("malformed escapes and NUL in the path or the query: 400 naming where")
  void requestLine() {
    assertProblem(api.get("/api/v1/agents/%ZZ", token), 400, "path");
    assertProblem(api.get("/api/v1/agents/%", token), 400, "path");
    assertProblem(api.get("/api/v1/agents/a%00b", token), 400, "path");
    assertProblem(api.get("/api/v1/sessions/" + session + "/messages?q=%00", token), 400, "query.q");
    assertProblem(api.get("/api/v1/agents?name_prefix=%00", token), 400, "query.name_prefix");
    assertProblem(api.get("/api/v1/agents?name_prefix=%ED%A0%80", token), 400, "query.name_prefix");
  }

  @Test
  @DisplayName("HEAD answers as GET without a body, OPTIONS lists the methods, two credentials are refused, /mcp wants "
    + "JSON")
  void protocol() {
    HttpResponse<Buffer> head = api.call(io.vertx.core.http.HttpMethod.HEAD, "/api/v1/sessions/" + session, token,
      null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isNull();
    assertThat(head.getHeader("Content-Type")).startsWith("application/json");
    HttpResponse<Buffer> options = api.call(io.vertx.core.http.HttpMethod.OPTIONS, "/api/v1/sessions/" + session,
      null, null);
    assertThat(options.statusCode()).isEqualTo(204);
    assertThat(options.getHeader("Allow")).isEqualTo("OPTIONS, GET, HEAD, DELETE");
    String key = Api.json(api.post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "two")
      .put("scopes", new JsonArray().add("memory:read")))).getString("key");
    HttpResponse<Buffer> both = api.call(io.vertx.core.http.HttpMethod.GET, "/api/v1/sessions/" + session, token,
      null, Map.of("X-API-Key", key));
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(api.call(io.vertx.core.http.HttpMethod.GET, "/api/v1/sessions/" + session, key, null,
      Map.of("X-API-Key", key)).statusCode()).as("the same credential twice").isEqualTo(200);
    HttpResponse<Buffer> text = api.postRaw("/mcp", token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
      Map.of("Content-Type", "text/plain"));
    assertThat(text.statusCode()).isEqualTo(415);
  }

  @Test
  @DisplayName("a missing required field is named; an optional body may be left out")
  void bodies() {
    assertProblem(api.post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "k")), 422, "scopes");
    String agent = Api.json(api.post("/api/v1/agents", token, new JsonObject().put("name", "b")
      .put("model", new JsonObject().put("provider", "openai").put("name", "gpt-4o")))).getString("id");
    assertThat(api.post("/api/v1/agents/" + agent + "/sessions", token, null).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> invoked = api.post("/api/v1/tools/whoami/invoke", token, null);
    assertThat(invoked.statusCode()).as(invoked.bodyAsString()).isEqualTo(200);
    assertThat(api.post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "k")
      .put("scopes", new JsonArray().add("agents:read"))).statusCode()).isEqualTo(201);
  }
}
