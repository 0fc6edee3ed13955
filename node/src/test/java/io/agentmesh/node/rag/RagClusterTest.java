package io.agentmesh.node.rag;

import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.SharedInfra;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rag node keeps its own index of every collection, following PostgreSQL's change log: a search on any node
 * reads what a job reported completed, and a node whose index is gone (new, deleted, corrupt) rebuilds it.
 */
@DisplayName("The rag index on several nodes")
class RagClusterTest {

  private static final String CLUSTER = TestClusters.newClusterName();
  private static final Path INDEX_C = SharedInfra.tempDir("rag-index-c");

  @RegisterExtension
  static final TestNode a = TestNode.withRoles("gateway,auth,rag").inCluster(CLUSTER);
  @RegisterExtension
  static final TestNode b = TestNode.withRoles("gateway,rag").inCluster(CLUSTER);
  @RegisterExtension
  static final TestNode c = TestNode.withRoles("gateway,rag").inCluster(CLUSTER)
    .configure(config -> config.getJsonObject("rag").put("index_dir", INDEX_C.toString()));

  private static final String[] NOTES = {
    "The staging cluster is rebuilt every Monday from the production snapshot.",
    "Certificates renew automatically thirty days before they expire.",
    "On-call engineers hand over at nine in the morning with a written summary."};

  @Test
  @DisplayName("a search on another node right after completed finds the chunks; a rebuilt index answers the same")
  void readYourWritesAndRebuild() throws Exception {
    String token = a.api().accessToken(a.api().newUser("cluster"));
    String id = Api.json(a.api().post("/api/v1/collections", token, new JsonObject().put("name", "ops")))
      .getString("id");
    for (int i = 0; i < NOTES.length; i++) {
      String job = Api.json(a.api().post("/api/v1/collections/" + id + "/documents", token, new JsonObject()
        .put("name", "note-" + i + ".txt").put("text", NOTES[i]))).getString("id");
      Await.eventually(Duration.ofSeconds(60), () -> Api.json(a.api().get("/api/v1/ingest-jobs/" + job, token)),
        state -> state.getString("status").equals("completed"));
      // at once, on the other nodes: their index catches up before they answer (or they would say 503)
      for (TestNode node : List.of(b, c)) {
        JsonObject found = Api.json(node.api().post("/api/v1/collections/" + id + "/search", token,
          new JsonObject().put("query", NOTES[i]).put("mode", "keyword").put("top_k", 1)));
        assertThat(found.getJsonArray("hits").getJsonObject(0).getString("document_name")).as(found.encode())
          .isEqualTo("note-" + i + ".txt");
      }
    }
    JsonObject query = new JsonObject().put("query", "when do certificates renew").put("mode", "hybrid");
    List<String> onB = chunks(b, token, id, query);
    assertThat(onB).isNotEmpty();

    c.close();
    deleteTree(INDEX_C); // a new node, or one whose disk was replaced
    c.start();
    assertThat(chunks(c, token, id, query)).as("rebuilt from PostgreSQL").isEqualTo(onB);

    c.close();
    try (Stream<Path> files = Files.list(INDEX_C)) {
      for (Path file : files.toList()) {
        Files.write(file, new byte[] {1, 2, 3, 4}); // every file of the index unreadable
      }
    }
    c.start();
    assertThat(chunks(c, token, id, query)).as("a corrupt index is thrown away and rebuilt").isEqualTo(onB);
  }

  private static List<String> chunks(TestNode node, String token, String collection, JsonObject query)
    throws Exception {
    JsonObject found = Await.eventually(Duration.ofSeconds(20), () -> {
      HttpResponse<Buffer> response = node.api().post("/api/v1/collections/" + collection + "/search", token, query);
      return response.statusCode() == 200 ? Api.json(response) : new JsonObject();
    }, result -> result.containsKey("hits"));
    JsonArray hits = found.getJsonArray("hits");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < hits.size(); i++) {
      ids.add(hits.getJsonObject(i).getString("chunk_id"));
    }
    return ids;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
