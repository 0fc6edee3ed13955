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
