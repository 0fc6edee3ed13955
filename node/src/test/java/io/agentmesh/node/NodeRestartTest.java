package io.agentmesh.node;

import io.agentmesh.node.probe.ProbeVerticle;
import io.agentmesh.testing.SharedInfra;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.agentmesh.node.TestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A node on its embedded PostgreSQL")
class NodeRestartTest {

  @Test
  @DisplayName("lets a user registered before a restart log in after it")
  void userSurvivesRestart() {
    JsonObject config = TestNodes.config(TestClusters.newClusterName(), io.agentmesh.testing.FreePorts.next());
    config.getJsonObject("node").put("data_dir", SharedInfra.tempDir("restart-auth").toString());
    config.getJsonObject("postgres").put("url", "").put("embedded_port", 0);
    config.getJsonObject("redis").put("url", "").put("embedded_port", 0);
    String user;
    Node first = TestNodes.start(config, "gateway,auth");
    try (io.agentmesh.node.auth.Api api = new io.agentmesh.node.auth.Api(first.config().httpPort())) {
      user = api.newUser("durable");
    } finally {
      first.stop();
    }
    Node second = TestNodes.start(config, "gateway,auth");
    try (io.agentmesh.node.auth.Api api = new io.agentmesh.node.auth.Api(second.config().httpPort())) {
      assertThat(api.login(user, io.agentmesh.node.auth.Api.PASSWORD).getString("access_token")).isNotBlank();
    } finally {
      second.stop();
    }
  }

  @Test
  @DisplayName("keeps the data a domain wrote across a restart")
  void dataSurvivesRestart() throws Exception {
    JsonObject config = TestNodes.config(TestClusters.newClusterName(), 0);
    config.getJsonObject("node").put("data_dir", SharedInfra.tempDir("restart").toString());
    config.getJsonObject("postgres").put("url", "").put("embedded_port", 0);
    config.getJsonObject("redis").put("url", "").put("embedded_port", 0);

    Node first = TestNodes.start(config, "probe");
    try {
      await(first.vertx().eventBus().request(ProbeVerticle.ADD_NOTE, "written before the restart"));
    } finally {
      first.stop();
    }

    Node second = TestNodes.start(config, "probe");
    try {
      Object notes = await(second.vertx().eventBus().request(ProbeVerticle.LIST_NOTES, null)).body();
      assertThat((JsonArray) notes).containsExactly("written before the restart");
    } finally {
      second.stop();
    }
  }
}
