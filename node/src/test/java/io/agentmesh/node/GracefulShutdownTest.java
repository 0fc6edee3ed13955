package io.agentmesh.node;

import io.agentmesh.node.probe.ProbeVerticle;
import io.agentmesh.testing.Await;
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

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("On SIGTERM a node")
class GracefulShutdownTest {

  @Test
  @DisplayName("finishes in-flight requests, refuses new connections, unregisters its consumers, then leaves")
  void drainsThenLeaves() throws Exception {
    int port = FreePorts.next();
    JsonObject config = TestNodes.config(TestClusters.newClusterName(), port);
    config.put("probe", new JsonObject().put("ping_delay_ms", 3000));
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    try (NodeProcess node = NodeProcess.start(config, "gateway,probe", Map.of()).awaitReady(Duration.ofSeconds(90))) {
      Future<HttpResponse<Buffer>> inFlight = client.get("/api/v1/ping?domain=probe").send();
      Await.eventually(node::output, log -> log.contains(ProbeVerticle.PING_HELD));
      node.sigterm();

      awaitNewRequestsRejected(vertx, port);
      HttpResponse<Buffer> finished = Await.result(inFlight);
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

  private static void awaitNewRequestsRejected(Vertx vertx, int port) throws Exception {
    WebClient fresh = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    // Refused, or accepted and closed while the listener shuts down: either way no new request is served.
    String refusal = Await.eventually(Duration.ofSeconds(10), () -> Await.result(fresh.get(port, "127.0.0.1",
      "/health/live").send().map(served -> "").otherwise(Throwable::getMessage)), message -> !message.isEmpty());
    assertThat(refusal).containsAnyOf("Connection refused", "Connection was closed");
  }
}
