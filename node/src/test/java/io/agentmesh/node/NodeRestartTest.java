package io.agentmesh.node;

import io.agentmesh.node.auth.Api;
import io.agentmesh.node.probe.ProbeVerticle;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.SharedInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A node on its embedded PostgreSQL")
class NodeRestartTest {

  @Test
  @DisplayName("lets a user registered before a restart log in after it")
  void userSurvivesRestart() {
    Path data = SharedInfra.tempDir("restart-auth");
    TestNode node = TestNode.withRoles("gateway,auth").configure(config -> embeddedIn(config, data));
    String user;
    try (TestNode first = node.start()) {
      user = first.api().newUser("durable");
    }
    try (TestNode second = node.start()) {
      assertThat(second.api().login(user, Api.PASSWORD).getString("access_token")).isNotBlank();
    }
  }

  @Test
  @DisplayName("keeps the data a domain wrote across a restart")
  void dataSurvivesRestart() throws Exception {
    Path data = SharedInfra.tempDir("restart");
    TestNode node = TestNode.withRoles("probe").configure(config -> embeddedIn(config, data));
    try (TestNode first = node.start()) {
      Await.result(first.vertx().eventBus().request(ProbeVerticle.ADD_NOTE, "written before the restart"));
    }
    try (TestNode second = node.start()) {
      Object notes = Await.result(second.vertx().eventBus().request(ProbeVerticle.LIST_NOTES, null)).body();
      assertThat((JsonArray) notes).containsExactly("written before the restart");
    }
  }

  /** Embedded PostgreSQL and Redis of the node's own, kept in {@code data} across restarts. */
  private static void embeddedIn(JsonObject config, Path data) {
    config.getJsonObject("node").put("data_dir", data.toString());
    config.getJsonObject("postgres").put("url", "").put("embedded_port", 0);
    config.getJsonObject("redis").put("url", "").put("embedded_port", 0);
  }
}
