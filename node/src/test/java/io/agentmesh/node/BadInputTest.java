package io.agentmesh.node;

import io.agentmesh.node.auth.Api;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The outside test's repros of bad input: each a 4xx problem naming the field, and nothing stored. */
@DisplayName("Bad input gets a 4xx naming the field")
class BadInputTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,memory,mcp");
  private static String token;
  private static String session;

  @BeforeAll
  static void start() {
    token = node.api().accessToken(node.api().newUser("careless"));
    String agent = Api.json(node.api().post("/api/v1/agents", token, new JsonObject().put("name", "a")
      .put("model", new JsonObject().put("provider", "openai").put("name", "gpt-4o")))).getString("id");
    session = Api.json(node.api().post("/api/v1/agents/" + agent + "/sessions", token, null)).getString("id");
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Api.json(response).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo(field);
  }

  @Test
  @DisplayName("NUL and lone surrogates in strings: 422 naming the field, on anonymous routes too; nothing stored")
  void text() {
    assertProblem(node.api().postRaw("/api/v1/auth/login", null, "{\"username\":\"a\\u0000b\",\"password\":\"x\"}",
      Map.of()), 422, "username");
    assertProblem(node.api().postRaw("/api/v1/sessions/" + session + "/messages", token,
      "{\"role\":\"user\",\"content\":\"half \\ud800 a pair\"}", Map.of()), 422, "content");
    assertProblem(node.api().postRaw("/api/v1/agents", token, "{\"name\":\"x\",\"metadata\":{\"k\\u0000\":1},"
      + "\"model\":{\"provider\":\"openai\",\"name\":\"m\"}}", Map.of()), 422, "metadata.(a field name)");
    assertThat(Api.json(node.api().get("/api/v1/sessions/" + session + "/messages", token)).getJsonArray("data"))
      .isEmpty();
  }

  @Test
  @DisplayName("numbers out of range: 422, in an enum field and in a tool's string argument")
  void numbers() {
    assertProblem(node.api().postRaw("/api/v1/sessions/" + session + "/messages", token,
      "{\"role\":1e400,\"content\":\"x\"}",
      Map.of()), 422, "role");
    assertProblem(node.api().postRaw("/api/v1/tools/agents_get/invoke", token, "{\"arguments\":{\"id\":1e400}}",
      Map.of()),
      422, "arguments.id");
  }

  @Test
  @DisplayName("malformed escapes and NUL in the path or the query: 400 naming where")
  void requestLine() {
    assertProblem(node.api().get("/api/v1/agents/%ZZ", token), 400, "path");
    assertProblem(node.api().get("/api/v1/agents/%", token), 400, "path");
    assertProblem(node.api().get("/api/v1/agents/a%00b", token), 400, "path");
    assertProblem(node.api().get("/api/v1/sessions/" + session + "/messages?q=%00", token), 400, "query.q");
    assertProblem(node.api().get("/api/v1/agents?name_prefix=%00", token), 400, "query.name_prefix");
    assertProblem(node.api().get("/api/v1/agents?name_prefix=%ED%A0%80", token), 400, "query.name_prefix");
  }

  @Test
  @DisplayName("HEAD answers as GET without a body, OPTIONS lists the methods, two credentials are refused, /mcp wants "
    + "JSON")
  void protocol() {
    HttpResponse<Buffer> head = node.api().call(HttpMethod.HEAD, "/api/v1/sessions/" + session, token,
      null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isNull();
    assertThat(head.getHeader("Content-Type")).startsWith("application/json");
    HttpResponse<Buffer> options = node.api().call(HttpMethod.OPTIONS, "/api/v1/sessions/" + session,
      null, null);
    assertThat(options.statusCode()).isEqualTo(204);
    assertThat(options.getHeader("Allow")).isEqualTo("OPTIONS, GET, HEAD, DELETE");
    String key = Api.json(node.api().post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "two")
      .put("scopes", new JsonArray().add("memory:read")))).getString("key");
    HttpResponse<Buffer> both = node.api().call(HttpMethod.GET, "/api/v1/sessions/" + session, token,
      null, Map.of("X-API-Key", key));
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(node.api().call(HttpMethod.GET, "/api/v1/sessions/" + session, key, null,
      Map.of("X-API-Key", key)).statusCode()).as("the same credential twice").isEqualTo(200);
    HttpResponse<Buffer> text = node.api().postRaw("/mcp", token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
      Map.of("Content-Type", "text/plain"));
    assertThat(text.statusCode()).isEqualTo(415);
  }

  @Test
  @DisplayName("a missing required field is named; an optional body may be left out")
  void bodies() {
    assertProblem(node.api().post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "k")), 422, "scopes");
    String agent = Api.json(node.api().post("/api/v1/agents", token, new JsonObject().put("name", "b")
      .put("model", new JsonObject().put("provider", "openai").put("name", "gpt-4o")))).getString("id");
    assertThat(node.api().post("/api/v1/agents/" + agent + "/sessions", token, null).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> invoked = node.api().post("/api/v1/tools/whoami/invoke", token, null);
    assertThat(invoked.statusCode()).as(invoked.bodyAsString()).isEqualTo(200);
    assertThat(node.api().post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "k")
      .put("scopes", new JsonArray().add("agents:read"))).statusCode()).isEqualTo(201);
  }
}
