package io.agentmesh.node.tools;

import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.agentmesh.node.agents.AgentsApiTest.draft;
import static org.assertj.core.api.Assertions.assertThat;

/** Node A runs every domain; node B only the gateway and the registry, so its answers come from the shared truth. */
@DisplayName("The tool registry")
class ToolRegistryTest {

  private static final List<String> PLATFORM_TOOLS = List.of("agents_create", "agents_get", "agents_list",
    "agents_update", "messages_read", "note_append", "sessions_list", "whoami");

  private static final String CLUSTER = TestClusters.newClusterName();

  @RegisterExtension
  static final TestNode a = TestNode.withRoles("gateway,auth,agents,memory,mcp").inCluster(CLUSTER);
  @RegisterExtension
  static final TestNode b = TestNode.withRoles("gateway,mcp").inCluster(CLUSTER);
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    token = a.api().accessToken(a.api().newUser("toolsmith"));
    Await.eventually(() -> names(b.api(), "/api/v1/tools?limit=100").size(), n -> n >= PLATFORM_TOOLS.size());
  }

  @Test
  @DisplayName("holds the tools of every domain, the same on every node, by category and in pages")
  void catalog() {
    assertThat(names(a.api(), "/api/v1/tools?limit=100")).containsAll(PLATFORM_TOOLS);
    assertThat(names(b.api(), "/api/v1/tools?limit=100")).containsAll(PLATFORM_TOOLS);
    assertThat(names(a.api(), "/api/v1/tools?category=memory")).containsExactly("messages_read", "note_append",
      "sessions_list");
    List<String> walked = new ArrayList<>();
    String after = null;
    do {
      JsonObject page = Api.json(b.api().get("/api/v1/tools?limit=3" + (after == null ? "" : "&after=" + after),
        token));
      page.getJsonArray("data").forEach(t -> walked.add(((JsonObject) t).getString("name")));
      after = page.getBoolean("has_more") ? page.getString("last_id") : null;
    } while (after != null);
    assertThat(walked).isSorted().containsAll(PLATFORM_TOOLS).doesNotHaveDuplicates();
    JsonObject tool = Api.json(a.api().get("/api/v1/tools/agents_get", token));
    assertThat(tool.getString("scope")).isEqualTo("agents:read");
    assertThat(tool.getJsonObject("input_schema").getJsonArray("required").getList()).containsExactly("id");
    assertThat(tool.getJsonObject("annotations").getBoolean("read_only_hint")).isTrue();
    assertThat(a.api().get("/api/v1/tools/nope", token).statusCode()).isEqualTo(404);
    assertThat(a.api().get("/api/v1/tools", null).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("calls a tool as the caller: whoami with its output schema, an own agent, not another user's")
  void invokeAsCaller() {
    JsonObject me = Api.json(a.api().get("/api/v1/auth/me", token));
    JsonObject whoami = invoke(b.api(), token, "whoami", new JsonObject());
    assertThat(whoami.getBoolean("is_error")).isFalse();
    assertThat(whoami.getJsonObject("structured_content").getString("user_id")).isEqualTo(me.getString("id"));
    assertThat(whoami.getString("text")).contains(me.getString("id"));

    String agent = Api.json(a.api().post("/api/v1/agents", token, draft("tooling"))).getString("id");
    JsonObject own = invoke(b.api(), token, "agents_get", new JsonObject().put("id", agent));
    assertThat(own.getBoolean("is_error")).isFalse();
    assertThat(own.getJsonObject("structured_content").getString("name")).isEqualTo("tooling");

    String other = a.api().accessToken(a.api().newUser("outsider"));
    JsonObject denied = invoke(a.api(), other, "agents_get", new JsonObject().put("id", agent));
    assertThat(denied.getBoolean("is_error")).isTrue();
    assertThat(denied.getValue("structured_content")).isNull();
    assertThat(denied.getString("text")).contains("not found");
  }

  @Test
  @DisplayName("writes through tools with the domain's rules, and records notes in the caller's session")
  void writes() {
    JsonObject created = invoke(a.api(), token, "agents_create", draft("made by a tool"));
    assertThat(created.getBoolean("is_error")).isFalse();
    String agent = created.getJsonObject("structured_content").getString("id");
    JsonObject updated = invoke(a.api(), token, "agents_update", new JsonObject().put("id", agent)
      .put("patch", new JsonObject().put("description", "patched")).put("if_match", 1));
    assertThat(updated.getJsonObject("structured_content").getString("description")).isEqualTo("patched");
    String session = Api.json(a.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    assertThat(invoke(a.api(), token, "note_append", new JsonObject().put("session_id", session)
      .put("text", "remember the umbrella")).getBoolean("is_error")).isFalse();
    JsonObject read = invoke(a.api(), token, "messages_read", new JsonObject().put("session_id", session)
      .put("q", "umbrella"));
    assertThat(read.getJsonObject("structured_content").getJsonArray("data")).hasSize(1);
    JsonArray sessions = invoke(a.api(), token, "sessions_list", new JsonObject().put("agent_id", agent))
      .getJsonObject("structured_content").getJsonArray("data");
    assertThat(sessions).hasSize(1);
  }

  @Test
  @DisplayName("an agent may only list tools the registry knows")
  void agentToolsChecked() {
    HttpResponse<Buffer> unknown = a.api().post("/api/v1/agents", token, draft("picky").put("tools",
      new JsonArray().add("whoami").add("teleport")));
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(Api.json(unknown).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("tools.1");
    String agent = Api.json(a.api().post("/api/v1/agents", token, draft("known"))).getString("id");
    assertThat(a.api().call(HttpMethod.PATCH, "/api/v1/agents/" + agent, token,
      new JsonObject().put("tools", new JsonArray().add("nope"))).statusCode()).isEqualTo(422);
  }

  @Test
  @DisplayName("refuses bad arguments (422 naming them), unknown tools (404) and missing scopes (403)")
  void refusals() {
    HttpResponse<Buffer> invalid = a.api().post("/api/v1/tools/agents_get/invoke", token, new JsonObject()
      .put("arguments", new JsonObject().put("id", 42).put("extra", true)));
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(Api.json(invalid).getJsonArray("errors").encode()).contains("arguments");
    assertThat(a.api().post("/api/v1/tools/nope/invoke", token, new JsonObject()).statusCode()).isEqualTo(404);
    String key = Api.json(a.api().post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "reader")
      .put("scopes", new JsonArray().add("tools:call").add("agents:read")))).getString("key");
    assertThat(a.api().post("/api/v1/tools/agents_create/invoke", key, new JsonObject()
      .put("arguments", draft("not allowed"))).statusCode()).isEqualTo(403);
    String readOnly = Api.json(a.api().post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "no-tools")
      .put("scopes", new JsonArray().add("agents:read")))).getString("key");
    assertThat(a.api().post("/api/v1/tools/whoami/invoke", readOnly, new JsonObject()).statusCode()).isEqualTo(403);
  }

  private static JsonObject invoke(Api api, String credential, String tool, JsonObject arguments) {
    HttpResponse<Buffer> response = api.post("/api/v1/tools/" + tool + "/invoke", credential,
      new JsonObject().put("arguments", arguments));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return Api.json(response);
  }

  private static List<String> names(Api api, String path) {
    HttpResponse<Buffer> response = api.get(path, token);
    if (response.statusCode() != 200) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    Api.json(response).getJsonArray("data").forEach(t -> names.add(((JsonObject) t).getString("name")));
    return names;
  }
}
