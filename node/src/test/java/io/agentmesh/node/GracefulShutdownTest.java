package io.agentmesh.node;

import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.agentmesh.node.TestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("On SIGTERM a node")
class GracefulShutdownTest {

  @Test
  @DisplayName("finishes in-flight requests, refuses new connections, unregisters its consumers, then leaves")
  void drainsThenLeaves() throws Exception {
    int port = FreePorts.next();
    JsonObject config = TestNodes.config(TestClusters.newClusterName(), port);
    config.put("probe", new JsonObject().put("ping_delay_ms", 1500));
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    try (NodeProcess node = NodeProcess.start(config, "gateway,probe", Map.of()).awaitReady(Duration.ofSeconds(90))) {
      Future<HttpResponse<Buffer>> inFlight = client.get("/api/v1/ping?domain=probe").send();
      TimeUnit.MILLISECONDS.sleep(400);
      node.sigterm();
      TimeUnit.MILLISECONDS.sleep(400);

      assertThatThrownBy(() -> await(WebClient.create(vertx).get(port, "127.0.0.1", "/health/live").send()))
        .as("a new connection after SIGTERM").hasMessageContaining("onnection refused");
      HttpResponse<Buffer> finished = await(inFlight);
      assertThat(finished.statusCode()).isEqualTo(200);
      assertThat(finished.bodyAsJsonObject().getString("domain")).isEqualTo("probe");

      assertThat(node.awaitExit(Duration.ofSeconds(30))).isEqualTo(143);
      String log = node.output();
      assertThat(log).containsSubsequence(" stopping", "HTTP drained", "domain consumers unregistered",
        "left the cluster", " stopped");
    } finally {
      vertx.close();
    }
  }
}
