package io.agentmesh.node.rag;

import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Collections, documents and search through the gateway")
class RagApiTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,rag,mcp")
    .configure(config -> config.getJsonObject("rag").put("max_upload_bytes", 200_000));

  private static final String RUNBOOK = """
    # Restarting the database
    Drain the writers first, then stop PostgreSQL with a fast shutdown. The pools reconnect by themselves once it
    is back; requests meanwhile get 503 with Retry-After.
    """;

  private static String collection(String token) {
    HttpResponse<Buffer> created = node.api().post("/api/v1/collections", token, new JsonObject()
      .put("name", "runbooks").put("metadata", new JsonObject().put("team", "ops")));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = Api.json(created).getString("id");
    assertThat(created.getHeader("Location")).isEqualTo("/api/v1/collections/" + id);
    return id;
  }

  private static JsonObject ingest(String token, String collectionId, String name, String text) throws Exception {
    HttpResponse<Buffer> accepted = node.api().post("/api/v1/collections/" + collectionId + "/documents", token,
      new JsonObject().put("name", name).put("text", text));
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(202);
    String jobId = Api.json(accepted).getString("id");
    assertThat(accepted.getHeader("Location")).isEqualTo("/api/v1/ingest-jobs/" + jobId);
    return Await.eventually(Duration.ofSeconds(60), () -> Api.json(node.api().get("/api/v1/ingest-jobs/" + jobId,
      token)), job -> job.getString("status").equals("completed"));
  }

  private static HttpResponse<Buffer> search(String token, String collectionId, JsonObject body) {
    return node.api().post("/api/v1/collections/" + collectionId + "/search", token, body);
  }

  @Test
  @DisplayName("ingest by JSON answers 202 with a job; every mode finds the document; the list envelope lists it")
  void ingestAndSearch() throws Exception {
    String token = node.api().accessToken(node.api().newUser("rag"));
    String id = collection(token);
    JsonObject job = ingest(token, id, "database.md", RUNBOOK);
    assertThat(job.getInteger("documents_done")).isEqualTo(1);
    for (String mode : new String[] {"semantic", "keyword", "hybrid"}) {
      HttpResponse<Buffer> found = search(token, id, new JsonObject().put("query", "reconnect pools after a restart")
        .put("mode", mode).put("top_k", 3));
      assertThat(found.statusCode()).as(mode).isEqualTo(200);
      JsonArray hits = Api.json(found).getJsonArray("hits");
      assertThat(hits.size()).as(mode).isPositive();
      assertThat(hits.getJsonObject(0).getString("document_name")).as(mode).isEqualTo("database.md");
    }
    JsonObject documents = Api.json(node.api().get("/api/v1/collections/" + id + "/documents", token));
    assertThat(documents.getString("object")).isEqualTo("list");
    assertThat(documents.getJsonArray("data").getJsonObject(0).getString("status")).isEqualTo("indexed");
    JsonObject stats = Api.json(node.api().get("/api/v1/collections/" + id + "/stats", token));
    assertThat(stats.getLong("indexed_chunks")).isEqualTo(stats.getLong("chunks")).isPositive();
    JsonObject across = Api.json(node.api().post("/api/v1/search", token, new JsonObject()
      .put("query", "fast shutdown").put("collection_ids", new JsonArray().add(id))));
    assertThat(across.getString("mode")).isEqualTo("hybrid");
    assertThat(across.getJsonArray("hits")).isNotEmpty();
  }

  @Test
  @DisplayName("reindex rebuilds a collection from PostgreSQL as a job: the same chunks found again; bad input 4xx")
  void reindex() throws Exception {
    String token = node.api().accessToken(node.api().newUser("reindex"));
    String id = collection(token);
    ingest(token, id, "database.md", RUNBOOK);
    ingest(token, id, "notes.txt", "Certificates renew on the first Monday of each month.");
    JsonObject before = Api.json(node.api().get("/api/v1/collections/" + id + "/stats", token));

    HttpResponse<Buffer> accepted = node.api().call(HttpMethod.POST, "/api/v1/collections/" + id + "/reindex", token,
      null);
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(202);
    String job = Api.json(accepted).getString("id");
    JsonObject done = Await.eventually(Duration.ofSeconds(60), () -> Api.json(node.api().get("/api/v1/ingest-jobs/"
      + job, token)), state -> state.getString("status").equals("completed"));
    assertThat(done.getInteger("documents_done")).isEqualTo(2);
    assertThat(done.getInteger("chunks_done")).isEqualTo(before.getInteger("chunks"));
    JsonObject after = Await.eventually(() -> Api.json(node.api().get("/api/v1/collections/" + id + "/stats",
      token)), stats -> stats.getLong("indexed_chunks").equals(stats.getLong("chunks")));
    assertThat(after.getLong("chunks")).as("each document's chunks replaced, none added").isEqualTo(
      before.getLong("chunks"));
    JsonObject found = Api.json(search(token, id, new JsonObject().put("query", "certificates renew")
      .put("mode", "keyword")));
    assertThat(found.getJsonArray("hits").getJsonObject(0).getString("document_name")).isEqualTo("notes.txt");

    HttpResponse<Buffer> unknown = node.api().post("/api/v1/collections/" + id + "/reindex", token,
      new JsonObject().put("embedding_model", "no-such-model"));
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(unknown.bodyAsString()).contains("embedding_model");
    assertThat(node.api().post("/api/v1/collections/" + id + "/reindex", token, new JsonObject().put("x", 1))
      .statusCode()).isEqualTo(422);
    String other = node.api().accessToken(node.api().newUser("stranger"));
    assertThat(node.api().post("/api/v1/collections/" + id + "/reindex", other, new JsonObject()).statusCode())
      .isEqualTo(404);
  }

  @Test
  @DisplayName("ingest progress streams over SSE and the WebSocket, numbered, resumable, and only to the job's owner")
  void ingestEvents() throws Exception {
    String token = node.api().accessToken(node.api().newUser("progress"));
    String id = collection(token);
    WebClient client = WebClient.create(node.api().vertx());
    MultipartForm form = MultipartForm.create();
    for (int i = 1; i <= 3; i++) {
      form.binaryFileUpload("files", "part" + i + ".txt", Buffer.buffer("Part " + i + " of the runbook."),
        "text/plain");
    }
    HttpResponse<Buffer> accepted = Await.result(client.post(node.port(), "127.0.0.1",
      "/api/v1/collections/" + id + "/documents").bearerTokenAuthentication(token).sendMultipartForm(form));
    client.close();
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(202);
    String job = Api.json(accepted).getString("id");

    List<JsonObject> all = events(token, job, null);
    assertThat(all).extracting(event -> event.getLong("sequence_number")).containsExactly(1L, 2L, 3L, 4L);
    assertThat(all).extracting(event -> event.getString("type")).containsExactly("rag.ingest.progress",
      "rag.ingest.progress", "rag.ingest.progress", "rag.ingest.completed");
    assertThat(all.get(3).getString("job_id")).isEqualTo(job);
    assertThat(all.get(3).getJsonObject("data").getInteger("documents_done")).isEqualTo(3);
    assertThat(all.get(3).containsKey("owner_id")).isFalse();
    assertThat(events(token, job, "2")).extracting(event -> event.getLong("sequence_number")).containsExactly(3L, 4L);

    String other = node.api().accessToken(node.api().newUser("stranger"));
    assertThat(node.api().get("/api/v1/ingest-jobs/" + job + "/events", other).statusCode()).isEqualTo(404);
    assertThat(socket(other, new JsonObject().put("type", "subscribe").put("job_id", job)).get(0)
      .getString("type")).isEqualTo("error");
    List<JsonObject> frames = socket(token, new JsonObject().put("type", "subscribe").put("topic", "ingest." + job)
      .put("after", 1));
    assertThat(frames.get(0).getString("type")).isEqualTo("subscribed");
    assertThat(frames.get(0).getString("job_id")).isEqualTo(job);
    assertThat(frames.subList(1, frames.size() - 1)).extracting(event -> event.getLong("sequence_number"))
      .containsExactly(2L, 3L, 4L);
    assertThat(frames.get(frames.size() - 1).getString("type")).isEqualTo("ended");
  }

  /** A job's whole event stream (it ends after completed), parsed. */
  private static List<JsonObject> events(String token, String job, String lastEventId) {
    return node.api().eventStream("/api/v1/ingest-jobs/" + job + "/events", token, lastEventId);
  }

  /** Sends one command on a new WebSocket; the frames until {@code ended} or an error. */
  private static List<JsonObject> socket(String token, JsonObject command) throws Exception {
    BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    WebSocket socket = Await.result(node.api().vertx().createWebSocketClient().connect(new WebSocketConnectOptions()
      .setHost("127.0.0.1").setPort(node.port()).setURI("/api/v1/stream").addHeader("Authorization",
        "Bearer " + token)));
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.writeTextMessage(command.encode());
    List<JsonObject> received = new ArrayList<>();
    while (received.isEmpty() || !List.of("ended", "error").contains(received.get(received.size() - 1)
      .getString("type"))) {
      JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within 10 s; so far " + received).isNotNull();
      received.add(frame);
    }
    Await.result(socket.close());
    return received;
  }

  @Test
  @DisplayName("multipart: files are read once the caller is admitted, within their own limit, and ingested")
  void multipartUpload() throws Exception {
    String token = node.api().accessToken(node.api().newUser("upload"));
    String id = collection(token);
    WebClient client = WebClient.create(node.api().vertx());
    MultipartForm form = MultipartForm.create()
      .binaryFileUpload("files", "notes.md", Buffer.buffer("# Backups\n\nSnapshots are taken hourly."),
        "text/markdown")
      .binaryFileUpload("files", "tool.py", Buffer.buffer("def rotate_keys():\n    return vault.rotate()\n"),
        "application/octet-stream")
      .attribute("metadata", "{\"team\":\"infra\"}");
    HttpResponse<Buffer> accepted = Await.result(client.post(node.port(), "127.0.0.1",
      "/api/v1/collections/" + id + "/documents").bearerTokenAuthentication(token).sendMultipartForm(form));
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(202);
    String job = Api.json(accepted).getString("id");
    Await.eventually(Duration.ofSeconds(60), () -> Api.json(node.api().get("/api/v1/ingest-jobs/" + job, token)),
      state -> state.getString("status").equals("completed") && state.getInteger("documents_done") == 2);
    JsonObject found = Api.json(search(token, id, new JsonObject().put("query", "rotate_keys").put("mode", "syntax")
      .put("filters", new JsonObject().put("team", "infra"))));
    assertThat(found.getJsonArray("hits").getJsonObject(0).getString("document_name")).isEqualTo("tool.py");

    HttpResponse<Buffer> anonymous = Await.result(client.post(node.port(), "127.0.0.1",
      "/api/v1/collections/" + id + "/documents").sendMultipartForm(form));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<Buffer> badMetadata = Await.result(client.post(node.port(), "127.0.0.1",
      "/api/v1/collections/" + id + "/documents").bearerTokenAuthentication(token).sendMultipartForm(
        MultipartForm.create().binaryFileUpload("files", "a.txt", Buffer.buffer("x"), "text/plain")
          .attribute("metadata", "[1]")));
    assertThat(badMetadata.statusCode()).isEqualTo(422);
    HttpResponse<Buffer> tooLarge = Await.result(client.post(node.port(), "127.0.0.1",
      "/api/v1/collections/" + id + "/documents").bearerTokenAuthentication(token).sendMultipartForm(
        MultipartForm.create().binaryFileUpload("files", "big.txt", Buffer.buffer("y".repeat(300_000)),
          "text/plain")));
    assertThat(tooLarge.statusCode()).as("rag.max_upload_bytes").isEqualTo(413);
    client.close();
  }

  @Test
  @DisplayName("the rag tools keep the routes' rules: the owner's search cites chunks, a stranger's is an error")
  void tools() throws Exception {
    String owner = node.api().accessToken(node.api().newUser("tools"));
    String stranger = node.api().accessToken(node.api().newUser("stranger"));
    String id = collection(owner);
    Await.eventually(() -> node.api().get("/api/v1/tools/rag_ingest_text", owner).statusCode(),
      status -> status == 200);
    JsonObject added = Api.json(node.api().post("/api/v1/tools/rag_ingest_text/invoke", owner, new JsonObject()
      .put("arguments", new JsonObject().put("collection_id", id).put("name", "database.md").put("text", RUNBOOK))));
    assertThat(added.getBoolean("is_error")).as(added.encode()).isFalse();
    String job = added.getJsonObject("structured_content").getString("id");
    Await.eventually(Duration.ofSeconds(60), () -> Api.json(node.api().get("/api/v1/ingest-jobs/" + job, owner)),
      state -> state.getString("status").equals("completed"));
    JsonObject arguments = new JsonObject().put("query", "how do pools come back after the database restarts")
      .put("collection_ids", new JsonArray().add(id));
    JsonObject found = Api.json(node.api().post("/api/v1/tools/rag_search/invoke", owner, new JsonObject()
      .put("arguments", arguments)));
    assertThat(found.getBoolean("is_error")).as(found.encode()).isFalse();
    JsonObject hit = found.getJsonObject("structured_content").getJsonArray("hits").getJsonObject(0);
    assertThat(hit.getString("document_name")).isEqualTo("database.md");
    assertThat(RUNBOOK.substring(hit.getInteger("start_offset"), hit.getInteger("end_offset")))
      .isEqualTo(hit.getString("text"));
    JsonObject theirs = Api.json(node.api().post("/api/v1/tools/rag_search/invoke", stranger, new JsonObject()
      .put("arguments", arguments)));
    assertThat(theirs.getBoolean("is_error")).as("another user's collection does not exist for them").isTrue();
    JsonObject listed = Api.json(node.api().post("/api/v1/tools/rag_collections_list/invoke", stranger,
      new JsonObject().put("arguments", new JsonObject())));
    assertThat(listed.getJsonObject("structured_content").getJsonArray("data")).isEmpty();
    JsonObject call = new JsonObject().put("name", "rag_search").put("arguments", arguments);
    JsonObject overMcp = node.api().mcp(owner, "tools/call", call).getJsonObject("result");
    assertThat(overMcp.getBoolean("isError", false)).as(overMcp.encode()).isFalse();
    assertThat(overMcp.getJsonObject("structuredContent").getJsonArray("hits").getJsonObject(0)
      .getString("document_name")).isEqualTo("database.md");
    JsonObject strangerOverMcp = node.api().mcp(stranger, "tools/call", call).getJsonObject("result");
    assertThat(strangerOverMcp.getBoolean("isError")).as("MCP: the same rule as REST").isTrue();
    assertThat(strangerOverMcp.encode()).doesNotContain("database.md").doesNotContain("Drain the writers");
  }

  @Test
  @DisplayName("another user's collection is 404 on every route; bad input is a 422 problem naming the field")
  void isolationAndProblems() throws Exception {
    String owner = node.api().accessToken(node.api().newUser("owner"));
    String other = node.api().accessToken(node.api().newUser("other"));
    String id = collection(owner);
    JsonObject job = ingest(owner, id, "database.md", RUNBOOK);
    String documentId = job.getJsonArray("document_ids").getString(0);
    assertThat(node.api().get("/api/v1/collections/" + id, other).statusCode()).isEqualTo(404);
    assertThat(node.api().get("/api/v1/documents/" + documentId, other).statusCode()).isEqualTo(404);
    assertThat(node.api().get("/api/v1/ingest-jobs/" + job.getString("id"), other).statusCode()).isEqualTo(404);
    assertThat(search(other, id, new JsonObject().put("query", "restart")).statusCode()).isEqualTo(404);
    assertThat(node.api().delete("/api/v1/collections/" + id, other).statusCode()).isEqualTo(404);
    assertThat(node.api().get("/api/v1/collections", other).bodyAsJsonObject().getJsonArray("data")).isEmpty();

    HttpResponse<Buffer> badMode = search(owner, id, new JsonObject().put("query", "x").put("mode", "fuzzy"));
    assertThat(badMode.statusCode()).isEqualTo(422);
    assertThat(badMode.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(badMode.bodyAsString()).contains("mode");
    HttpResponse<Buffer> fixedModel = node.api().call(HttpMethod.PATCH, "/api/v1/collections/" + id, owner,
      new JsonObject().put("embedding_model", "other"));
    assertThat(fixedModel.statusCode()).isEqualTo(422);
    HttpResponse<Buffer> binary = node.api().post("/api/v1/collections/" + id + "/documents", owner,
      new JsonObject().put("name", "a.png").put("text", "x").put("mime_type", "image/png"));
    assertThat(binary.statusCode()).isEqualTo(422);
    assertThat(binary.bodyAsString()).contains("mime_type");

    assertThat(node.api().delete("/api/v1/collections/" + id, owner).statusCode()).isEqualTo(204);
    assertThat(node.api().get("/api/v1/documents/" + documentId, owner).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("a deleted user's collections go with everything in them")
  void deletedUser() throws Exception {
    String token = node.api().accessToken(node.api().newUser("leaving"));
    String id = collection(token);
    String documentId = ingest(token, id, "database.md", RUNBOOK).getJsonArray("document_ids").getString(0);
    assertThat(node.api().get("/api/v1/collections/" + id, node.adminToken()).statusCode()).isEqualTo(200);
    assertThat(node.api().delete("/api/v1/auth/me", token).statusCode()).isEqualTo(204);
    Await.eventually(() -> node.api().get("/api/v1/collections/" + id, node.adminToken()).statusCode(),
      status -> status == 404);
    assertThat(node.api().get("/api/v1/documents/" + documentId, node.adminToken()).statusCode()).isEqualTo(404);
  }
}
