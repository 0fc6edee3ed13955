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
      TimeUnit.MILLISECONDS.sleep(700); // the request reaches the node and waits on the slow domain
      node.sigterm();

      awaitNewRequestsRejected(vertx, port);
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

  private static void awaitNewRequestsRejected(Vertx vertx, int port) throws Exception {
    WebClient fresh = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        await(fresh.get(port, "127.0.0.1", "/health/live").send());
      } catch (Exception notServed) {
        // refused, or accepted and closed while the listener shuts down: either way no new request is served
        assertThat(notServed.getCause().getMessage()).containsAnyOf("Connection refused", "Connection was closed");
        return;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new AssertionError("the node still served new requests 10 s after SIGTERM");
  }
}
