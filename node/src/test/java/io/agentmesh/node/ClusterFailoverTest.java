package io.agentmesh.node;

import io.agentmesh.testing.Await;
import io.agentmesh.testing.FreePorts;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node A runs the gateway and auth (in this JVM); node B runs only the probe domain, in a process of its own so it can
 * be stopped with SIGTERM and killed with SIGKILL.
 */
@DisplayName("A two-node cluster")
class ClusterFailoverTest {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterFailoverTest.class);
  private static final long SEND_TIMEOUT_MS = 2000;
  private static final long MAX_NO_HEARTBEAT_MS = 5000;

  @RegisterExtension
  static final TestNode gatewayNode = TestNode.withRoles("gateway,auth")
    .configure(config -> config.getJsonObject("bus").put("send_timeout_ms", SEND_TIMEOUT_MS));
  private static WebClient client;
  private static String adminToken;

  @BeforeAll
  static void connect() {
    client = WebClient.create(gatewayNode.api().vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(gatewayNode.port()).setIdleTimeout(30));
    adminToken = gatewayNode.adminToken();
  }

  @Test
  @DisplayName("routes a ping from the gateway node to the domain node, fails fast when it leaves or dies, recovers")
  void pingAcrossNodes() throws Exception {
    try (NodeProcess domainNode = startDomainNode()) {
      String answeredBy = awaitStatus(200, Duration.ofSeconds(20)).bodyAsJsonObject().getString("node_id");
      assertThat(answeredBy).isNotEqualTo(gatewayNode.nodeId());

      long sigterm = System.nanoTime();
      domainNode.sigterm();
      HttpResponse<Buffer> left = awaitStatus(503, Duration.ofSeconds(10));
      LOG.info("503 came {} ms after SIGTERM of the domain node", elapsedMs(sigterm));
      assertThat(left.bodyAsJsonObject().getString("detail")).as("unregistered on SIGTERM, not timed out")
        .startsWith("No node");
      assertThat(domainNode.awaitExit(Duration.ofSeconds(30))).isEqualTo(143);
    }

    try (NodeProcess domainNode = startDomainNode();
         ExpectedFailureLogs quiet = ExpectedFailureLogs.quiet("io.vertx.core.net.impl.ConnectionBase")) {
      awaitStatus(200, Duration.ofSeconds(20));
      long sigkill = System.nanoTime();
      domainNode.sigkill();
      HttpResponse<Buffer> down = awaitStatus(503, Duration.ofSeconds(30));
      assertThat(down.getHeader("Content-Type")).isEqualTo("application/problem+json");
      long afterSigkill = elapsedMs(sigkill);
      LOG.info("503 came {} ms after SIGKILL of the domain node", afterSigkill);
      assertThat(afterSigkill).as("503 after SIGKILL")
        .isLessThan(SEND_TIMEOUT_MS + MAX_NO_HEARTBEAT_MS + 2000);
      awaitClusterView(1, Duration.ofMillis(MAX_NO_HEARTBEAT_MS + 10_000));
    }

    try (NodeProcess domainNode = startDomainNode()) {
      assertThat(awaitStatus(200, Duration.ofSeconds(20)).statusCode()).isEqualTo(200);
    }
  }

  private static NodeProcess startDomainNode() throws Exception {
    JsonObject config = TestNodes.config(gatewayNode.clusterName(), FreePorts.next());
    return NodeProcess.start(config, "probe", Map.of()).awaitReady(Duration.ofSeconds(90));
  }

  /**
   * Pings until the wanted status. Every single request must be answered within the send timeout plus a margin:
   * the gateway never hangs, whatever state the domain node is in.
   */
  private static HttpResponse<Buffer> awaitStatus(int status, Duration within) throws Exception {
    return Await.eventually(within, () -> {
      long start = System.nanoTime();
      HttpResponse<Buffer> ping = Await.result(client.get("/api/v1/ping?domain=probe")
        .timeout(SEND_TIMEOUT_MS + 3000).send());
      assertThat(elapsedMs(start)).as("one ping's duration").isLessThan(SEND_TIMEOUT_MS + 1500);
      return ping;
    }, ping -> ping.statusCode() == status);
  }

  /** The killed node's discovery records go once Hazelcast declares it dead. */
  private static void awaitClusterView(int nodes, Duration within) throws Exception {
    Await.eventually(within, () -> Await.result(client.get("/api/v1/cluster").bearerTokenAuthentication(adminToken)
      .send()).bodyAsJsonObject(), view -> view.getJsonArray("nodes").size() == nodes
      && !view.getJsonObject("domains").containsKey("probe"));
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
