package io.agentmesh.node.auth;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.agents.AgentDelete;
import io.agentmesh.contract.agents.AgentQuery;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.memory.MessageQuery;
import io.agentmesh.contract.tasks.TaskQuery;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.node.TestNode;
import io.agentmesh.node.tasks.TasksApiTest;
import io.agentmesh.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every face asks the same scope of the same data, and the domain that owns the data asks again: the route table
 * probed with a credential that grants nothing, account management refused to API keys, every MCP method with and
 * without its scope, tasks behind tasks:read, and domains refusing a principal sent straight over the bus.
 */
@DisplayName("Scopes on every face")
class ScopeEnforcementTest {

  private static final Path TABLE = Path.of("..", "verticles", "gateway", "src", "test", "resources",
    "route-access.tsv");

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,memory,mcp,tasks")
    .configure(TasksApiTest::withScripts);
  private static String root;
  private static String owner;
  private static String login;
  private static String agent;
  private static String session;

  @BeforeAll
  static void start() throws Exception {
    root = node.adminToken();
    owner = node.api().newUser("scoped");
    login = node.api().accessToken(owner);
    agent = Api.json(node.api().post("/api/v1/agents", login, new JsonObject().put("name", "scoped")
      .put("instructions", "Secret instructions.")
      .put("model", new JsonObject().put("provider", "scripted").put("name", "echo-tool"))
      .put("tools", new JsonArray().add("whoami")))).getString("id");
    session = Api.json(node.api().post("/api/v1/agents/" + agent + "/sessions", login, new JsonObject()))
      .getString("id");
    node.api().post("/api/v1/sessions/" + session + "/messages", login, new JsonObject().put("role", "user")
      .put("content", "a private line"));
    Await.eventually(() -> node.api().get("/api/v1/tools/tasks_get", login).statusCode(), status -> status == 200);
  }

  private static String key(String token, String... scopes) {
    HttpResponse<Buffer> created = node.api().post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "k")
      .put("scopes", new JsonArray(List.of(scopes))));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return Api.json(created).getString("key");
  }

  /** A key whose owner lost the rights it was made with: it authenticates, and grants no scope at all. */
  private static String keyWithNoScope() {
    String name = node.api().newUser("demoted");
    String userId = Api.json(node.api().get("/api/v1/auth/me", node.api().accessToken(name))).getString("id");
    setRoles(userId, "admin");
    String key = key(node.api().accessToken(name), "admin");
    setRoles(userId, "user");
    return key;
  }

  private static void setRoles(String userId, String role) {
    assertThat(node.api().call(HttpMethod.PATCH, "/api/v1/users/" + userId, root, new JsonObject()
      .put("roles", new JsonArray().add(role))).statusCode()).isEqualTo(200);
  }

  private static List<String[]> table() throws Exception {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(TABLE)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] methodPath = line.split("\t")[0].split(" ");
        rows.add(new String[] {methodPath[0], methodPath[1].replaceAll(":\\w+", "zz_1"), line.split("\t")[1]});
      }
    }
    return rows;
  }

  @Test
  @DisplayName("every non-public route refuses a credential that grants no scope, and an anonymous caller")
  void routeTableProbe() throws Exception {
    String nothing = keyWithNoScope();
    assertThat(node.api().get("/api/v1/ping", nothing).statusCode()).as("the key authenticates").isEqualTo(200);
    List<String> wrong = new ArrayList<>();
    for (String[] row : table()) {
      if (row[2].equals("public")) {
        continue;
      }
      int withNothing = node.api().call(HttpMethod.valueOf(row[0]), row[1], nothing, null).statusCode();
      int anonymous = node.api().call(HttpMethod.valueOf(row[0]), row[1], null, null).statusCode();
      if (withNothing != 403 || anonymous != 401) {
        wrong.add(row[0] + " " + row[1] + ": " + withNothing + " / " + anonymous);
      }
    }
    assertThat(wrong).as("routes that did not refuse (no scope / anonymous)").isEmpty();
  }

  @Test
  @DisplayName("an API key, whatever its scopes, cannot manage the account; it may read /auth/me")
  void apiKeysCannotManageTheAccount() throws Exception {
    String everything = key(login, "agents:read", "agents:write", "tasks:run", "memory:read", "memory:write",
      "tools:call");
    String narrow = key(login, "agents:read", "memory:read");
    List<String> wrong = new ArrayList<>();
    for (String[] row : table()) {
      if (row[2].equals("login")) {
        HttpResponse<Buffer> refused = node.api().call(HttpMethod.valueOf(row[0]), row[1], everything, new JsonObject()
          .put("name", "x").put("scopes", new JsonArray().add("agents:read")).put("current_password", Api.PASSWORD)
          .put("new_password", "another long passphrase"));
        if (refused.statusCode() != 403 || !refused.bodyAsString().contains("interactive login")) {
          wrong.add(row[0] + " " + row[1] + ": " + refused.statusCode());
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(node.api().get("/api/v1/auth/me", narrow).statusCode()).isEqualTo(200);
    assertThat(node.api().get("/api/v1/auth/me", login).statusCode()).as("the account is intact").isEqualTo(200);
    assertThat(Api.json(node.api().get("/api/v1/auth/api-keys", login)).getJsonArray("data")).hasSize(2);
    assertThat(node.api().get("/api/v1/agents", everything).statusCode()).as("the key still works").isEqualTo(200);
  }

  @Test
  @DisplayName("tasks need tasks:read on REST, streams, tickets and the tasks_get tool; tasks:run implies it")
  void tasksNeedTasksRead() throws Exception {
    String runner = key(login, "tasks:run");
    HttpResponse<Buffer> submitted = node.api().post("/api/v1/sessions/" + session + "/tasks", runner,
      new JsonObject().put("input", "who am I?"));
    assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(202);
    String task = Api.json(submitted).getString("id");
    JsonObject done = Await.eventually(() -> Api.json(node.api().get("/api/v1/tasks/" + task, runner)),
      t -> t.getString("status").matches("completed|failed|incomplete"));
    assertThat(done.getString("status")).as("a tasks:run key runs a task on its own session: " + done.encode())
      .isEqualTo("completed");

    String agentsOnly = key(login, "agents:read", "tools:call");
    assertThat(node.api().get("/api/v1/tasks", agentsOnly).statusCode()).isEqualTo(403);
    assertThat(node.api().get("/api/v1/tasks/" + task, agentsOnly).statusCode()).isEqualTo(403);
    assertThat(node.api().get("/api/v1/tasks/" + task + "/events", agentsOnly).statusCode()).isEqualTo(403);
    assertThat(node.api().post("/api/v1/stream-tickets", agentsOnly, null).statusCode()).isEqualTo(403);
    JsonObject viaTool = Api.json(node.api().post("/api/v1/tools/tasks_get/invoke", agentsOnly, new JsonObject()
      .put("arguments", new JsonObject().put("id", task))));
    assertThat(viaTool.getInteger("status", 200)).as(viaTool.encode()).isEqualTo(403);

    String reader = key(login, "tasks:read", "tools:call");
    assertThat(node.api().get("/api/v1/tasks/" + task, reader).statusCode()).isEqualTo(200);
    assertThat(node.api().post("/api/v1/sessions/" + session + "/tasks", reader, new JsonObject().put("input", "x"))
      .statusCode()).isEqualTo(403);
    JsonObject read = Api.json(node.api().post("/api/v1/tools/tasks_get/invoke", reader, new JsonObject()
      .put("arguments", new JsonObject().put("id", task))));
    assertThat(read.getBoolean("is_error")).as(read.encode()).isFalse();
  }

  @Test
  @DisplayName("each MCP method needs the scope of its REST route: refused without it, answered with it")
  void mcpMethods() {
    String agents = key(login, "agents:read");
    String memory = key(login, "memory:read");
    String tools = key(login, "tools:call");
    String uri = "agentmesh://sessions/" + session;
    JsonObject promptRef = new JsonObject().put("ref", new JsonObject().put("type", "ref/prompt").put("name", agent))
      .put("argument", new JsonObject().put("name", "task").put("value", ""));
    JsonObject resourceRef = new JsonObject().put("ref", new JsonObject().put("type", "ref/resource")
      .put("uri", "agentmesh://sessions/{session_id}")).put("argument", new JsonObject().put("name", "session_id")
      .put("value", "ses_"));
    record Case(String method, JsonObject params, String holder, String lacker) {
    }
    List<Case> cases = List.of(
      new Case("tools/call", new JsonObject().put("name", "whoami"), tools, agents),
      new Case("prompts/list", new JsonObject(), agents, memory),
      new Case("prompts/get", new JsonObject().put("name", agent), agents, memory),
      new Case("resources/list", new JsonObject(), memory, agents),
      new Case("resources/read", new JsonObject().put("uri", uri), memory, agents),
      new Case("resources/templates/list", new JsonObject(), memory, agents),
      new Case("resources/subscribe", new JsonObject().put("uri", uri), memory, agents),
      new Case("completion/complete", resourceRef, memory, agents),
      new Case("completion/complete", promptRef, agents, memory));
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      JsonObject held = mcp(c.holder(), c.method(), c.params());
      JsonObject lacked = mcp(c.lacker(), c.method(), c.params());
      boolean heldOk = held.containsKey("result") && !held.getJsonObject("result").getBoolean("isError", false);
      boolean lackedRefused = lacked.containsKey("error")
        || lacked.getJsonObject("result").getBoolean("isError", false);
      if (!heldOk || !lackedRefused) {
        wrong.add(c.method() + " held=" + held.encode() + " lacked=" + lacked.encode());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(mcp(agents, "prompts/get", new JsonObject().put("name", agent)).encode())
      .contains("Secret instructions.");
    assertThat(mcp(agents, "resources/read", new JsonObject().put("uri", uri)).encode())
      .doesNotContain("a private line");
  }

  private static JsonObject mcp(String credential, String method, JsonObject params) {
    return node.api().mcp(credential, method, params);
  }

  @Test
  @DisplayName("domains check the scope again: a principal sent straight over the bus without it is refused")
  void domainsRecheck() throws Exception {
    String userId = Api.json(node.api().get("/api/v1/auth/me", login)).getString("id");
    Principal agentsOnly = new Principal(userId, Set.of("user"), Set.of("agents:read"), null);
    Principal memoryOnly = new Principal(userId, Set.of("user"), Set.of("memory:read"), null);
    assertForbidden(MemoryAddresses.MESSAGE_LIST, new MessageQuery(session, null, 10, "asc", null, null), agentsOnly);
    assertForbidden(TasksAddresses.LIST, new TaskQuery(10, "asc", null, null, null, null, null), agentsOnly);
    assertForbidden(AgentsAddresses.LIST, new AgentQuery(10, "asc", null, null, null,
      null, null), memoryOnly);
    assertForbidden(AgentsAddresses.DELETE, new AgentDelete(agent, true), agentsOnly);
    Principal viaKey = new Principal(userId, Set.of("user"), Set.of("agents:read"), "key_01TEST");
    assertForbidden(AuthAddresses.DELETE_ME, null, viaKey);
    assertThat(node.api().get("/api/v1/agents/" + agent, login).statusCode()).isEqualTo(200);
  }

  private static void assertForbidden(String address, Object body, Principal principal) {
    assertThatThrownBy(() -> Await.result(node.vertx().eventBus().request(address, body,
      BusHeaders.deliveryOptions(principal, "scope-test", 5000))))
      .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).as(address)
        .isEqualTo(ErrorCode.FORBIDDEN));
  }
}
