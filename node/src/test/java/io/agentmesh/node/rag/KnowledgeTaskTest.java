package io.agentmesh.node.rag;

import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Agents use collections for knowledge: validated, searched by their tasks within them, cited in the result. */
@DisplayName("An agent with knowledge")
class KnowledgeTaskTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,memory,tasks,mcp,rag").configure(config -> {
    // the model asks for a knowledge search (naming no collection: the loop gives it the agent's), then answers
    JsonObject scripts = new JsonObject().put("librarian", new JsonArray()
      .add(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("name", "rag_search")
        .put("arguments", new JsonObject().put("query", "how often are backups taken").put("mode", "hybrid")))))
      .add(new JsonObject().put("deltas", new JsonArray().add("Hourly, per the runbook."))));
    config.getJsonObject("providers").getJsonObject("scripted").put("scripts", scripts);
    config.getJsonObject("tasks").put("poll_ms", 200);
  });

  private static String collection(String token, String text) throws Exception {
    String id = Api.json(node.api().post("/api/v1/collections", token, new JsonObject().put("name", "runbooks")))
      .getString("id");
    String job = Api.json(node.api().post("/api/v1/collections/" + id + "/documents", token, new JsonObject()
      .put("name", "backups.md").put("text", text))).getString("id");
    Await.eventually(Duration.ofSeconds(60), () -> Api.json(node.api().get("/api/v1/ingest-jobs/" + job, token)),
      state -> state.getString("status").equals("completed"));
    return id;
  }

  private static HttpResponse<Buffer> agent(String token, JsonArray knowledge) {
    return node.api().post("/api/v1/agents", token, new JsonObject().put("name", "librarian")
      .put("model", new JsonObject().put("provider", "scripted").put("name", "librarian"))
      .put("knowledge", knowledge));
  }

  @Test
  @DisplayName("answers a task with citations of the chunks its search returned, from its own collections only")
  void citations() throws Exception {
    String token = node.api().accessToken(node.api().newUser("librarian"));
    String mine = collection(token, "# Backups\n\nSnapshots of every database are taken hourly and kept 30 days.");
    String other = collection(token, "# Backups\n\nThe old tape backups were taken weekly.");
    Await.eventually(() -> node.api().get("/api/v1/tools/rag_search", token).statusCode(), status -> status == 200);
    HttpResponse<Buffer> created = agent(token, new JsonArray().add(mine));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String agent = Api.json(created).getString("id");
    String session = Api.json(node.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    String task = Api.json(node.api().post("/api/v1/sessions/" + session + "/tasks", token, new JsonObject()
      .put("input", "How often are backups taken?"))).getString("id");
    JsonObject done = Await.eventually(Duration.ofSeconds(60), () -> Api.json(node.api().get("/api/v1/tasks/" + task,
      token)), state -> state.getString("status").equals("completed") || state.getString("status").equals("failed"));
    assertThat(done.getString("status")).as(done.encode()).isEqualTo("completed");
    JsonArray citations = done.getJsonArray("citations");
    assertThat(citations).as(done.encode()).isNotEmpty();
    for (int i = 0; i < citations.size(); i++) {
      JsonObject citation = citations.getJsonObject(i);
      assertThat(citation.getString("collection_id")).as("only the agent's collection").isEqualTo(mine);
      assertThat(citation.getString("document_name")).isEqualTo("backups.md");
      assertThat(citation.getInteger("end_offset")).isGreaterThan(citation.getInteger("start_offset"));
    }
    assertThat(other).isNotEqualTo(mine);
  }

  @Test
  @DisplayName("knowledge must name collections the owner can read: anything else is a 422 for that entry")
  void validated() throws Exception {
    String owner = node.api().accessToken(node.api().newUser("owner"));
    String stranger = node.api().accessToken(node.api().newUser("stranger"));
    String theirs = collection(owner, "Private notes.");
    HttpResponse<Buffer> foreign = agent(stranger, new JsonArray().add(theirs));
    assertThat(foreign.statusCode()).isEqualTo(422);
    assertThat(foreign.bodyAsString()).contains("knowledge.0");
    HttpResponse<Buffer> text = agent(stranger, new JsonArray().add("the company wiki"));
    assertThat(text.statusCode()).isEqualTo(422);
  }
}
