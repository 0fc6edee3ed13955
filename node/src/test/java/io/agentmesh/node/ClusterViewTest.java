package io.agentmesh.node;

import io.agentmesh.testing.Await;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Node A runs the gateway and the probe domain, node B the probe domain only; both in this JVM. */
@DisplayName("A cluster of two in-process nodes")
class ClusterViewTest {

  private static final String CLUSTER = TestClusters.newClusterName();

  @RegisterExtension
  static final TestNode a = TestNode.withRoles("gateway,auth,probe").inCluster(CLUSTER);
  @RegisterExtension
  static final TestNode b = TestNode.withRoles("probe").inCluster(CLUSTER);
  private static WebClient client;
  private static String adminToken;

  @BeforeAll
  static void connect() {
    client = WebClient.create(a.api().vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(a.port()));
    adminToken = a.adminToken();
  }

  @Test
  @DisplayName("GET /api/v1/cluster shows both nodes, their roles and where each domain runs (admins only)")
  void clusterView() throws Exception {
    assertThat(Await.result(client.get("/api/v1/cluster").send()).statusCode()).isEqualTo(401);
    JsonObject view = awaitClusterOf(2);
    JsonArray probeNodes = view.getJsonObject("domains").getJsonArray("probe");
    assertThat(probeNodes.getList()).containsExactlyInAnyOrder(a.nodeId(), b.nodeId());
    JsonObject nodeA = view.getJsonArray("nodes").stream().map(JsonObject.class::cast)
      .filter(n -> n.getString("node_id").equals(a.nodeId())).findFirst().orElseThrow();
    assertThat(nodeA.getJsonArray("roles").getList()).containsExactly("gateway", "auth", "probe");
    assertThat(nodeA.getInteger("http_port")).isEqualTo(a.port());
  }

  @Test
  @DisplayName("a ping stays on the gateway's node when that node runs the domain (prefer_local)")
  void prefersLocalConsumer() throws Exception {
    Set<String> answeredBy = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      answeredBy.add(Await.result(client.get("/api/v1/ping?domain=probe").send()).bodyAsJsonObject()
        .getString("node_id"));
    }
    assertThat(answeredBy).containsExactly(a.nodeId());
  }

  @Test
  @DisplayName("GET /api/v1/ping without a domain reports every known domain")
  void pingEveryDomain() throws Exception {
    awaitClusterOf(2);
    JsonObject report = Await.result(client.get("/api/v1/ping").send()).bodyAsJsonObject();
    assertThat(report.getJsonArray("domains").stream().map(d -> ((JsonObject) d).getString("domain")))
      .containsExactly("auth", "probe");
    assertThat(report.getJsonArray("domains").stream().map(d -> ((JsonObject) d).getString("status")))
      .containsOnly("up");
  }

  @Test
  @DisplayName("serves Prometheus metrics for HTTP, the event bus and the JVM, to a credential with metrics:read")
  void metrics() throws Exception {
    Await.result(client.get("/api/v1/ping?domain=probe").send());
    assertThat(Await.result(client.get("/metrics").send()).statusCode()).isEqualTo(401);
    String scraper = Await.result(client.post("/api/v1/auth/api-keys").putHeader("Authorization", "Bearer "
      + adminToken)
      .sendJsonObject(new JsonObject().put("name", "prometheus").put("scopes", new JsonArray()
        .add("metrics:read")))).bodyAsJsonObject().getString("key");
    HttpResponse<Buffer> metrics = Await.result(client.get("/metrics").putHeader("Authorization", "Bearer " + scraper)
      .send());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.bodyAsString()).contains("vertx_http_server_requests_total", "vertx_eventbus_",
      "jvm_memory_used_bytes");
  }

  @Test
  @DisplayName("serves the OpenAPI document and the Swagger UI")
  void docs() throws Exception {
    HttpResponse<Buffer> openApi = Await.result(client.get("/openapi.json").send());
    assertThat(openApi.bodyAsJsonObject().getString("openapi")).isEqualTo("3.1.0");
    assertThat(Await.result(client.get("/docs").send()).bodyAsString()).contains("SwaggerUIBundle");
    assertThat(Await.result(client.get("/docs/swagger-ui/swagger-ui-bundle.js").send()).statusCode()).isEqualTo(200);
  }

  private static JsonObject awaitClusterOf(int nodes) throws Exception {
    return Await.eventually(() -> Await.result(client.get("/api/v1/cluster").bearerTokenAuthentication(adminToken)
      .send()).bodyAsJsonObject(), view -> view.getJsonArray("nodes").size() == nodes);
  }
}
