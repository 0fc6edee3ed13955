package io.agentmesh.node.agents;

import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.agentmesh.node.agents.AgentsApiTest.draft;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Sessions and messages through the gateway")
class MemoryApiTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,memory");

  @Test
  @DisplayName("sessions: create with Location, read, list by agent, delete with their messages")
  void sessions() {
    String token = node.api().accessToken(node.api().newUser("talker"));
    String agent = Api.json(node.api().post("/api/v1/agents", token, draft("listener"))).getString("id");
    HttpResponse<Buffer> created = node.api().post("/api/v1/agents/" + agent + "/sessions", token,
      new JsonObject().put("title", "first").put("metadata", new JsonObject().put("channel", "web")));
    assertThat(created.statusCode()).isEqualTo(201);
    String session = Api.json(created).getString("id");
    assertThat(created.getHeader("Location")).isEqualTo("/api/v1/sessions/" + session);
    node.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject());
    assertThat(Api.json(node.api().get("/api/v1/agents/" + agent + "/sessions", token)).getJsonArray("data"))
      .hasSize(2);
    append(token, session, "user", "hello");
    assertThat(Api.json(node.api().get("/api/v1/sessions/" + session, token)).getLong("message_count")).isEqualTo(1L);
    assertThat(node.api().delete("/api/v1/sessions/" + session, token).statusCode()).isEqualTo(204);
    assertThat(node.api().get("/api/v1/sessions/" + session + "/messages", token).statusCode()).isEqualTo(404);
    assertThat(node.api().post("/api/v1/agents/agt_missing/sessions", token, new JsonObject()).statusCode())
      .isEqualTo(404);
  }

  @Test
  @DisplayName("messages: oldest first, parts with tool calls, token counts, search, validation; nothing to compact")
  void messages() {
    String token = node.api().accessToken(node.api().newUser("writer"));
    String agent = Api.json(node.api().post("/api/v1/agents", token, draft("reader"))).getString("id");
    String session = Api.json(node.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    JsonObject first = append(token, session, "user", "What is the weather in Paris?");
    JsonObject call = Api.json(node.api().post("/api/v1/sessions/" + session + "/messages", token, new JsonObject()
      .put("role", "assistant").put("content", new JsonArray().add(new JsonObject().put("type", "tool_call")
        .put("id", "c1").put("name", "weather").put("arguments", "{\"city\":\"Paris\"}")))));
    append(token, session, "tool", "Sunny in Lyon");
    assertThat(first.getLong("sequence")).isEqualTo(1L);
    int o200k = com.knuddels.jtokkit.Encodings.newDefaultEncodingRegistry()
      .getEncoding(com.knuddels.jtokkit.api.EncodingType.O200K_BASE).countTokens("What is the weather in Paris?");
    assertThat(first.getInteger("token_count")).as("gpt-4o sessions count with o200k_base").isEqualTo(o200k + 4);
    assertThat(call.getLong("sequence")).isEqualTo(2L);

    JsonArray all = Api.json(node.api().get("/api/v1/sessions/" + session + "/messages", token)).getJsonArray("data");
    assertThat(all.stream().map(m -> ((JsonObject) m).getLong("sequence"))).containsExactly(1L, 2L, 3L);
    JsonArray newest = Api.json(node.api().get("/api/v1/sessions/" + session + "/messages?order=desc&limit=1", token))
      .getJsonArray("data");
    assertThat(newest.getJsonObject(0).getLong("sequence")).isEqualTo(3L);
    JsonArray found = Api.json(node.api().get("/api/v1/sessions/" + session + "/messages?q=paris", token))
      .getJsonArray("data");
    assertThat(found.stream().map(m -> ((JsonObject) m).getLong("sequence"))).containsExactly(1L, 2L);

    HttpResponse<Buffer> invalid = node.api().post("/api/v1/sessions/" + session + "/messages", token,
      new JsonObject().put("role", "robot").put("content", new JsonArray().add(new JsonObject().put("type", "text"))));
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(Api.json(invalid).encode()).contains("role", "content");
    HttpResponse<Buffer> compact = node.api().post("/api/v1/sessions/" + session + "/compact", token, null);
    assertThat(compact.statusCode()).as("three messages are all recent").isEqualTo(200);
    assertThat(Api.json(compact).getInteger("compacted_messages")).isZero();
  }

  @Test
  @DisplayName("an append with the same append_key is stored once")
  void idempotentAppend() {
    String token = node.api().accessToken(node.api().newUser("retry"));
    String agent = Api.json(node.api().post("/api/v1/agents", token, draft("once"))).getString("id");
    String session = Api.json(node.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    JsonObject body = new JsonObject().put("role", "assistant").put("content", "done").put("append_key", "tsk_1:1:3");
    String first = Api.json(node.api().post("/api/v1/sessions/" + session + "/messages", token, body)).getString("id");
    String again = Api.json(node.api().post("/api/v1/sessions/" + session + "/messages", token, body)).getString("id");
    assertThat(again).isEqualTo(first);
    assertThat(Api.json(node.api().get("/api/v1/sessions/" + session, token)).getLong("message_count")).isEqualTo(1L);
  }

  @Test
  @DisplayName("user B gets 404 on user A's sessions and messages")
  void isolation() {
    String alice = node.api().accessToken(node.api().newUser("alice"));
    String bob = node.api().accessToken(node.api().newUser("bob"));
    String agent = Api.json(node.api().post("/api/v1/agents", alice, draft("hers"))).getString("id");
    String session = Api.json(node.api().post("/api/v1/agents/" + agent + "/sessions", alice, new JsonObject()))
      .getString("id");
    append(alice, session, "user", "secret");
    assertThat(node.api().get("/api/v1/sessions/" + session, bob).statusCode()).isEqualTo(404);
    assertThat(node.api().get("/api/v1/sessions/" + session + "/messages", bob).statusCode()).isEqualTo(404);
    assertThat(node.api().post("/api/v1/sessions/" + session + "/messages", bob, new JsonObject().put("role", "user")
      .put("content", "intrusion")).statusCode()).isEqualTo(404);
    assertThat(node.api().delete("/api/v1/sessions/" + session, bob).statusCode()).isEqualTo(404);
    assertThat(node.api().post("/api/v1/sessions/" + session + "/compact", bob, null).statusCode()).isEqualTo(404);
    assertThat(Api.json(node.api().get("/api/v1/sessions/" + session, alice)).getLong("message_count")).isEqualTo(1L);
  }

  @Test
  @DisplayName("walking agent pages with after returns every agent that existed exactly once, while others are added")
  void pagesUnderConcurrentInserts() throws Exception {
    String token = node.api().accessToken(node.api().newUser("pager"));
    Set<String> existing = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      existing.add(Api.json(node.api().post("/api/v1/agents", token, draft("agent " + i))).getString("id"));
    }
    CompletableFuture<Void> inserts = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 20; i++) {
        node.api().post("/api/v1/agents", token, draft("late " + i));
      }
    });
    List<String> seen = new ArrayList<>();
    String after = null;
    for (String order : List.of("asc")) {
      do {
        JsonObject page = Api.json(node.api().get("/api/v1/agents?limit=4&order=" + order
          + (after == null ? "" : "&after=" + after), token));
        page.getJsonArray("data").forEach(a -> seen.add(((JsonObject) a).getString("id")));
        after = page.getBoolean("has_more") ? page.getString("last_id") : null;
      } while (after != null);
    }
    inserts.get(60, TimeUnit.SECONDS);
    assertThat(new HashSet<>(seen)).hasSameSizeAs(seen).containsAll(existing);
  }

  private static JsonObject append(String token, String session, String role, String content) {
    HttpResponse<Buffer> response = node.api().post("/api/v1/sessions/" + session + "/messages", token,
      new JsonObject().put("role", role).put("content", content));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Api.json(response);
  }
}
