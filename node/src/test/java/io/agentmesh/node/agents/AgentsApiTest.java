package io.agentmesh.node.agents;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.agents.AgentEvent;
import io.agentmesh.contract.agents.AgentStatusUpdate;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Agents through the gateway")
public class AgentsApiTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,memory");

  public static JsonObject draft(String name) {
    return new JsonObject().put("name", name).put("instructions", "Be brief.")
      .put("model", new JsonObject().put("provider", "openai").put("name", "gpt-4o")
        .put("parameters", new JsonObject().put("temperature", 0.2)))
      .put("tools", new JsonArray().add("whoami")).put("metadata", new JsonObject().put("team", "a"));
  }

  @Test
  @DisplayName("create 201 with Location and ETag; read; merge-patch; stale If-Match 412; delete 204")
  void crud() {
    String token = node.api().accessToken(node.api().newUser("crud"));
    HttpResponse<Buffer> created = node.api().post("/api/v1/agents", token, draft("helper"));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject agent = Api.json(created);
    String id = agent.getString("id");
    assertThat(id).startsWith("agt_");
    assertThat(created.getHeader("Location")).isEqualTo("/api/v1/agents/" + id);
    assertThat(created.getHeader("ETag")).isEqualTo("\"1\"");
    assertThat(agent.getString("status")).isEqualTo("idle");
    assertThat(Api.json(node.api().get("/api/v1/agents/" + id, token)).getString("name")).isEqualTo("helper");
    HttpResponse<Buffer> unchanged = node.api().call(HttpMethod.GET, "/api/v1/agents/" + id, token, null,
      Map.of("If-None-Match", "W/\"0\", \"1\""));
    assertThat(unchanged.statusCode()).as("conditional GET, current ETag").isEqualTo(304);
    assertThat(unchanged.getHeader("ETag")).isEqualTo("\"1\"");
    assertThat(unchanged.body()).isNull();
    HttpResponse<Buffer> head = node.api().call(HttpMethod.HEAD, "/api/v1/agents/" + id, token, null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.getHeader("ETag")).isEqualTo("\"1\"");

    HttpResponse<Buffer> patched = node.api().call(HttpMethod.PATCH, "/api/v1/agents/" + id, token,
      new JsonObject().put("name", "renamed").put("metadata", new JsonObject().put("team", (String) null)
        .put("env", "dev")), Map.of("If-Match", "\"1\""));
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(patched.getHeader("ETag")).isEqualTo("\"2\"");
    assertThat(Api.json(patched).getJsonObject("metadata").getMap()).containsExactly(Map.entry("env", "dev"));
    assertThat(Api.json(node.api().get("/api/v1/agents/" + id, token)).getString("name")).as("cache evicted")
      .isEqualTo("renamed");
    assertThat(node.api().call(HttpMethod.GET, "/api/v1/agents/" + id, token, null, Map.of("If-None-Match", "\"1\""))
      .statusCode()).as("an old ETag gets the new agent").isEqualTo(200);

    HttpResponse<Buffer> stale = node.api().call(HttpMethod.PATCH, "/api/v1/agents/" + id, token,
      new JsonObject().put("name", "lost update"), Map.of("If-Match", "\"1\""));
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(node.api().call(HttpMethod.PATCH, "/api/v1/agents/" + id, token, new JsonObject().put("description",
      "d"))
      .statusCode()).as("without If-Match").isEqualTo(200);
    assertThat(node.api().delete("/api/v1/agents/" + id, token).statusCode()).isEqualTo(204);
    assertThat(node.api().get("/api/v1/agents/" + id, token).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("lists filter by status and name prefix; admins see every owner's, users only their own")
  void listing() {
    String user = node.api().newUser("lister");
    String token = node.api().accessToken(user);
    String alpha = Api.json(node.api().post("/api/v1/agents", token, draft("Alpha one"))).getString("id");
    node.api().post("/api/v1/agents", token, draft("Beta"));
    node.api().call(HttpMethod.PATCH, "/api/v1/agents/" + alpha, token, new JsonObject().put("status", "disabled"));
    assertThat(Api.json(node.api().get("/api/v1/agents?name_prefix=alp", token)).getJsonArray("data")).hasSize(1);
    assertThat(Api.json(node.api().get("/api/v1/agents?status=disabled", token)).getJsonArray("data").getJsonObject(0)
      .getString("id")).isEqualTo(alpha);
    assertThat(node.api().get("/api/v1/agents?status=sleeping", token).statusCode()).isEqualTo(422);
    String root = node.adminToken();
    String ownerId = Api.json(node.api().get("/api/v1/auth/me", token)).getString("id");
    assertThat(Api.json(node.api().get("/api/v1/agents?owner=" + ownerId, root)).getJsonArray("data")).hasSize(2);
    assertThat(node.api().get("/api/v1/agents/" + alpha, root).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("user B gets 404 on user A's agent for every route, and does not see it listed")
  void isolation() {
    String alice = node.api().accessToken(node.api().newUser("alice"));
    String bob = node.api().accessToken(node.api().newUser("bob"));
    String id = Api.json(node.api().post("/api/v1/agents", alice, draft("private"))).getString("id");
    assertThat(node.api().get("/api/v1/agents/" + id, bob).statusCode()).isEqualTo(404);
    assertThat(node.api().call(HttpMethod.PATCH, "/api/v1/agents/" + id, bob, new JsonObject().put("name", "mine"))
      .statusCode()).isEqualTo(404);
    assertThat(node.api().delete("/api/v1/agents/" + id, bob).statusCode()).isEqualTo(404);
    assertThat(node.api().post("/api/v1/agents/" + id + "/sessions", bob, new JsonObject()).statusCode())
      .isEqualTo(404);
    assertThat(node.api().get("/api/v1/agents/" + id + "/sessions", bob).statusCode()).isEqualTo(404);
    assertThat(Api.json(node.api().get("/api/v1/agents", bob)).getJsonArray("data")).isEmpty();
    assertThat(node.api().get("/api/v1/agents/" + id, alice).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("status comes from the tasks domain over the bus, is published, and guards deletion (force)")
  void statusAndDeletion() throws Exception {
    String name = node.api().newUser("runner");
    String token = node.api().accessToken(name);
    JsonObject me = Api.json(node.api().get("/api/v1/auth/me", token));
    String id = Api.json(node.api().post("/api/v1/agents", token, draft("worker"))).getString("id");
    String session = Api.json(node.api().post("/api/v1/agents/" + id + "/sessions", token, new JsonObject()))
      .getString("id");
    CompletableFuture<AgentEvent> published = new CompletableFuture<>();
    Await.result(node.vertx().eventBus().<AgentEvent>consumer(AgentsAddresses.eventsOf(id),
      event -> published.complete(event.body())).completion());
    Principal owner = new Principal(me.getString("id"), Set.of("user"), Scopes.USER, null);
    Await.result(node.vertx().eventBus().request(AgentsAddresses.SET_STATUS,
      new AgentStatusUpdate(id, "running", "task tsk_1"), BusHeaders.deliveryOptions(owner, "test", 5000)));
    assertThat(published.get(10, TimeUnit.SECONDS).status()).isEqualTo("running");
    JsonObject running = Api.json(node.api().get("/api/v1/agents/" + id, token));
    assertThat(running.getString("status")).isEqualTo("running");
    assertThat(running.getString("status_reason")).isEqualTo("task tsk_1");

    assertThat(node.api().delete("/api/v1/agents/" + id, token).statusCode()).isEqualTo(409);
    assertThat(node.api().delete("/api/v1/agents/" + id + "?force=true", token).statusCode()).isEqualTo(204);
    awaitStatus(() -> node.api().get("/api/v1/sessions/" + session, token).statusCode(), 404);
  }

  @Test
  @DisplayName("user.deleted removes that user's agents, sessions and messages")
  void userDeletion() throws Exception {
    String token = node.api().accessToken(node.api().newUser("leaving"));
    String id = Api.json(node.api().post("/api/v1/agents", token, draft("gone soon"))).getString("id");
    String session = Api.json(node.api().post("/api/v1/agents/" + id + "/sessions", token, new JsonObject()))
      .getString("id");
    node.api().post("/api/v1/sessions/" + session + "/messages", token, new JsonObject().put("role", "user")
      .put("content", "remember me"));
    String root = node.adminToken();
    String userId = Api.json(node.api().get("/api/v1/auth/me", token)).getString("id");
    assertThat(node.api().delete("/api/v1/auth/me", token).statusCode()).isEqualTo(204);
    awaitStatus(() -> node.api().get("/api/v1/agents/" + id, root).statusCode(), 404);
    awaitStatus(() -> node.api().get("/api/v1/sessions/" + session, root).statusCode(), 404);
    assertThat(Api.json(node.api().get("/api/v1/agents?owner=" + userId, root)).getJsonArray("data")).isEmpty();
  }

  static void awaitStatus(Await.Probe<Integer> call, int status) throws Exception {
    Await.eventually(call, actual -> actual == status);
  }
}
