package io.agentmesh.node;

import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.FreePorts;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the node running an ingest job, mid-job. The rag domain runs on two nodes in processes of their own;
 * the test JVM's node is the gateway. The node named by the job's first progress event is killed; the other must
 * take the job over once the lease lapses and finish it: every document indexed once, no chunk counted twice, the
 * job's events numbered without gaps or repeats with one {@code rag.ingest.completed}, the last document found.
 */
@DisplayName("Ingest jobs survive kill -9 of their node")
class RagCrashTest {

  private static final int DOCUMENTS = 60;

  @RegisterExtension
  static final TestNode gateway = TestNode.withRoles("gateway,auth");
  @RegisterExtension
  static final WorkerProcesses nodes = new WorkerProcesses();

  @Test
  @DisplayName("the job completes on the other node with each document once and a gap-free stream")
  void killMidIngest() throws Exception {
    List<CompletableFuture<String>> started = List.of(startRagNode(), startRagNode());
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
    String token = gateway.api().accessToken(gateway.api().newUser("crash"));
    String collection = Api.json(Await.eventually(Duration.ofSeconds(60), () -> gateway.api().post(
      "/api/v1/collections", token, new JsonObject().put("name", "handbook")), created -> created.statusCode() == 201))
      .getString("id");

    MultipartForm form = MultipartForm.create();
    for (int i = 1; i <= DOCUMENTS; i++) {
      form.binaryFileUpload("files", "chapter" + i + ".txt", Buffer.buffer(chapter(i)), "text/plain");
    }
    WebClient client = WebClient.create(gateway.api().vertx());
    HttpResponse<Buffer> accepted = Await.result(client.post(gateway.port(), "127.0.0.1", "/api/v1/collections/"
      + collection + "/documents").bearerTokenAuthentication(token).sendMultipartForm(form));
    client.close();
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(202);
    String job = Api.json(accepted).getString("id");

    HttpClient http = gateway.api().vertx().createHttpClient();
    List<JsonObject> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> ended = SseStream.open(http, gateway.port(), "/api/v1/ingest-jobs/" + job + "/events",
      token, seen);
    JsonObject first = Await.eventually(Duration.ofSeconds(60), () -> seen.isEmpty() ? null : seen.get(0),
      event -> event != null);
    assertThat(first.getString("type")).as("killed mid-job").isEqualTo("rag.ingest.progress");
    String killed = first.getJsonObject("data").getString("worker").split("/")[0];
    nodes.remove(killed).sigkill();
    ended.get(120, TimeUnit.SECONDS);

    assertThat(seen).extracting(event -> event.getLong("sequence_number")).as("1, 2, 3... each once")
      .containsExactlyElementsOf(LongStream.rangeClosed(1, seen.size()).boxed().toList());
    assertThat(seen).filteredOn(event -> event.getString("type").equals("rag.ingest.progress"))
      .as("one progress event per document: none indexed twice").hasSize(DOCUMENTS);
    JsonObject last = seen.get(seen.size() - 1);
    assertThat(last.getString("type")).isEqualTo("rag.ingest.completed");
    assertThat(last.getJsonObject("data").getString("worker")).as("finished by the survivor").doesNotStartWith(
      killed + "/");
    JsonObject done = Api.json(gateway.api().get("/api/v1/ingest-jobs/" + job, token));
    assertThat(done.getInteger("documents_done")).isEqualTo(DOCUMENTS);
    assertThat(done.getJsonArray("errors")).isEmpty();
    JsonObject stats = Api.json(gateway.api().get("/api/v1/collections/" + collection + "/stats", token));
    assertThat(stats.getLong("documents")).isEqualTo(DOCUMENTS);
    assertThat(stats.getLong("chunks")).as("chunks stored = chunks counted by the job")
      .isEqualTo(done.getLong("chunks_done"));
    JsonArray hits = Api.json(gateway.api().post("/api/v1/collections/" + collection + "/search", token,
      new JsonObject().put("query", "lighthouse" + DOCUMENTS).put("mode", "keyword"))).getJsonArray("hits");
    assertThat(hits.getJsonObject(0).getString("document_name")).isEqualTo("chapter" + DOCUMENTS + ".txt");
    http.close();
  }

  /** A document of a few chunks, with a word of its own. */
  private static String chapter(int number) {
    StringBuilder text = new StringBuilder("Chapter " + number + " mentions lighthouse" + number + ".\n");
    for (int paragraph = 0; paragraph < 12; paragraph++) {
      text.append("Paragraph ").append(paragraph).append(" of chapter ").append(number)
        .append(" explains how the keepers logged storms, tides and passing ships, and why every entry was ")
        .append("signed twice before the lamp was trimmed at dusk.\n");
    }
    return text.toString();
  }

  private static CompletableFuture<String> startRagNode() {
    JsonObject config = TestNodes.config(gateway.clusterName(), FreePorts.next());
    config.getJsonObject("rag").put("ingest_lease_ms", 3000).put("poll_ms", 200);
    return CompletableFuture.supplyAsync(() -> {
      try {
        return nodes.start(config, "rag");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
