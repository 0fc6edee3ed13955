package io.agentmesh.node.rag;

import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.SharedInfra;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Continuous indexing: an administrator binds a directory under the node's watch roots to a collection; search
 * follows what happens to its files (created, changed, deleted, renamed) within 5 s.
 */
@DisplayName("A watched directory followed into a collection")
class SourceWatchTest {

  private static final Path ROOT = SharedInfra.tempDir("watch-root");
  private static final Path OUTSIDE = SharedInfra.tempDir("watch-outside");
  private static final Duration FOLLOWS = Duration.ofSeconds(5);

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,rag").configure(config -> {
    config.getJsonObject("node").put("name", "watcher-a");
    config.getJsonObject("rag").put("watch_roots", ROOT.toString());
  });

  @Test
  @DisplayName("an initial scan, then creations, changes, deletions and renames are searchable within 5 s")
  void followsTheDirectory() throws Exception {
    Path project = Files.createDirectories(ROOT.resolve("project"));
    Files.writeString(project.resolve("guide.md"), "# Guide\n\nThe lighthouse keeper trims the lamp at dusk.\n");
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src/Beacon.java"), "class Beacon {\n  void flashSignal() {}\n}\n");
    Files.createDirectories(project.resolve(".git"));
    Files.writeString(project.resolve(".git/config"), "[core] lighthouse = excluded\n");
    Files.write(project.resolve("photo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
    Files.writeString(OUTSIDE.resolve("secret.txt"), "outsider password hunter2");
    Files.createSymbolicLink(project.resolve("leak.txt"), OUTSIDE.resolve("secret.txt"));

    String admin = node.adminToken();
    String collection = Api.json(node.api().post("/api/v1/collections", admin, new JsonObject()
      .put("name", "project"))).getString("id");
    HttpResponse<Buffer> created = node.api().post("/api/v1/collections/" + collection + "/sources", admin,
      new JsonObject().put("path", project.toString()).put("node_name", "watcher-a"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String source = Api.json(created).getString("id");
    JsonObject watching = Await.eventually(Duration.ofSeconds(30), () -> Api.json(node.api().get("/api/v1/sources/"
      + source, admin)), state -> state.getString("status").equals("watching"));
    assertThat(watching.getLong("files")).as("guide.md and Beacon.java; not .git, the image or the link")
      .isEqualTo(2);
    follows(admin, collection, "lighthouse", List.of("guide.md"));
    assertThat(names(admin, collection, "hunter2")).as("the link out of the directory is not followed").isEmpty();

    Files.writeString(project.resolve("notes.txt"), "A unicorn was seen near the harbour.");
    follows(admin, collection, "unicorn", List.of("notes.txt"));
    Files.writeString(project.resolve("guide.md"), "# Guide\n\nThe keeper now logs every passing tanker.\n");
    follows(admin, collection, "tanker", List.of("guide.md"));
    follows(admin, collection, "lighthouse", List.of());
    Files.delete(project.resolve("src/Beacon.java"));
    follows(admin, collection, "flashSignal", List.of());
    Files.move(project.resolve("notes.txt"), project.resolve("sightings.txt"));
    follows(admin, collection, "unicorn", List.of("sightings.txt"));
    Files.createDirectories(project.resolve("docs/deep"));
    Files.writeString(project.resolve("docs/deep/tides.txt"), "Spring tides flood the causeway.");
    follows(admin, collection, "causeway", List.of("docs/deep/tides.txt"));

    assertThat(node.api().delete("/api/v1/sources/" + source, admin).statusCode()).isEqualTo(204);
    follows(admin, collection, "tanker", List.of());
  }

  @Test
  @DisplayName("paths outside the roots, links out of them, unknown nodes and non-administrators are refused")
  void refusals() throws Exception {
    String admin = node.adminToken();
    String collection = Api.json(node.api().post("/api/v1/collections", admin, new JsonObject()
      .put("name", "refused"))).getString("id");
    Path inside = Files.createDirectories(ROOT.resolve("inside"));
    Path link = ROOT.resolve("way-out");
    Files.createSymbolicLink(link, OUTSIDE);
    String sources = "/api/v1/collections/" + collection + "/sources";
    for (String path : List.of(OUTSIDE.toString(), inside + "/../../" + OUTSIDE.getFileName(), link.toString(),
      ROOT.resolve("missing").toString())) {
      HttpResponse<Buffer> refused = node.api().post(sources, admin, new JsonObject().put("path", path)
        .put("node_name", "watcher-a"));
      assertThat(refused.statusCode()).as(path).isEqualTo(422);
      assertThat(refused.bodyAsString()).as(path).contains("\"path\"");
    }
    HttpResponse<Buffer> nobody = node.api().post(sources, admin, new JsonObject().put("path", inside.toString())
      .put("node_name", "no-such-node"));
    assertThat(nobody.statusCode()).isEqualTo(422);
    assertThat(nobody.bodyAsString()).contains("node_name");
    assertThat(node.api().post(sources, admin, new JsonObject().put("path", inside.toString())
      .put("node_name", "watcher-a").put("include", new JsonArray().add("[unclosed"))).statusCode())
      .isEqualTo(422);
    String user = node.api().accessToken(node.api().newUser("plain"));
    assertThat(node.api().post(sources, user, new JsonObject().put("path", inside.toString())
      .put("node_name", "watcher-a")).statusCode()).isEqualTo(403);
    JsonObject body = new JsonObject().put("path", inside.toString()).put("node_name", "watcher-a");
    assertThat(node.api().post(sources, admin, body).statusCode()).isEqualTo(201);
    assertThat(node.api().post(sources, admin, body).statusCode()).isEqualTo(409);
    assertThat(Api.json(node.api().get(sources, admin)).getJsonArray("data")).hasSize(1);
  }

  private static void follows(String token, String collection, String word, List<String> expected)
    throws Exception {
    Await.eventually(FOLLOWS, () -> names(token, collection, word), expected::equals);
  }

  private static List<String> names(String token, String collection, String word) {
    HttpResponse<Buffer> found = node.api().post("/api/v1/collections/" + collection + "/search", token,
      new JsonObject().put("query", word).put("mode", "keyword"));
    assertThat(found.statusCode()).as(found.bodyAsString()).isEqualTo(200);
    JsonArray hits = Api.json(found).getJsonArray("hits");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < hits.size(); i++) {
      names.add(hits.getJsonObject(i).getString("document_name"));
    }
    return names;
  }
}
