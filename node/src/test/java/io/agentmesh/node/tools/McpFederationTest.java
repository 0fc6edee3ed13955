package io.agentmesh.node.tools;

import io.agentmesh.contract.discovery.DiscoveryRecords;
import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolOutput;
import io.agentmesh.contract.tools.ToolRegistration;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.SharedInfra;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgBuilder;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Federation against a real upstream: a second platform (its own cluster, database and Redis database) whose
 * {@code /mcp} needs an API key of one of its users. The federating platform has two nodes; tools, calls, refresh on
 * {@code tools/list_changed}, the circuit when the upstream dies, discovery records and removal are checked through
 * the REST API and {@code /mcp}.
 */
@DisplayName("Federated MCP servers")
class McpFederationTest {

  private static final String CLUSTER = TestClusters.newClusterName();

  @RegisterExtension
  static final TestNode upstream = TestNode.withRoles("gateway,auth,agents,memory,mcp")
    .configure(McpFederationTest::separateStorage);
  @RegisterExtension
  static final TestNode a = TestNode.withRoles("gateway,auth,agents,memory,mcp").inCluster(CLUSTER)
    .configure(McpFederationTest::fastRefresh);
  @RegisterExtension
  static final TestNode b = TestNode.withRoles("gateway,mcp").inCluster(CLUSTER)
    .configure(McpFederationTest::fastRefresh);
  private static String root;
  private static String upstreamKey;
  private static String upstreamUserId;

  @BeforeAll
  static void start() throws Exception {
    String fedUser = upstream.api().newUser("federated");
    String fedToken = upstream.api().accessToken(fedUser);
    upstreamUserId = Api.json(upstream.api().get("/api/v1/auth/me", fedToken)).getString("id");
    upstreamKey = Api.json(upstream.api().post("/api/v1/auth/api-keys", fedToken, new JsonObject().put("name", "fed")
      .put("scopes", new JsonArray().add("tools:call").add("agents:read")))).getString("key");
    root = a.adminToken();
  }

  @Test
  @DisplayName("an upstream's tools join the registry as <server>__<tool>, run with its own credentials, follow its "
    + "changes, stay listed when it dies, and leave with it")
  void federation() throws Exception {
    String user = a.api().accessToken(a.api().newUser("caller"));
    assertThat(a.api().post("/api/v1/mcp/servers", user, server("up")).statusCode()).as("admins only").isEqualTo(403);
    HttpResponse<Buffer> invalid = a.api().post("/api/v1/mcp/servers", root, new JsonObject().put("name", "Bad__Name")
      .put("url", "ftp://x"));
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(invalid.bodyAsString()).contains("\"name\"");

    HttpResponse<Buffer> added = a.api().post("/api/v1/mcp/servers", root, server("up"));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    assertThat(added.bodyAsString()).doesNotContain(upstreamKey);
    JsonObject view = Api.json(added);
    assertThat(view.getString("status")).isEqualTo("available");
    assertThat(view.getBoolean("has_credentials")).isTrue();
    assertThat(view.getJsonArray("tools").getList()).contains("up__whoami", "up__agents_list");
    assertThat(a.api().post("/api/v1/mcp/servers", root, server("up")).statusCode()).isEqualTo(409);
    assertThat(b.api().get("/api/v1/mcp/servers", root).bodyAsString()).contains("\"up\"").doesNotContain(upstreamKey);

    // The call runs upstream as the API key's user: the caller's own token never leaves this platform.
    JsonObject whoami = Await.eventually(() -> Api.json(b.api().post("/api/v1/tools/up__whoami/invoke", user,
      new JsonObject())),
      result -> result.getBoolean("is_error") != null && !result.getBoolean("is_error"));
    assertThat(whoami.encode()).contains(upstreamUserId);

    ServiceDiscovery discovery = ServiceDiscovery.create(b.vertx());
    List<Record> records = Await.result(discovery.getRecords(record ->
      DiscoveryRecords.UPSTREAM_TYPE.equals(record.getType())));
    assertThat(records).extracting(record -> record.getMetadata().getString(DiscoveryRecords.UPSTREAM))
      .contains("up");
    assertThat(records.get(0).getLocation().encode()).doesNotContain(upstreamKey);

    // A new tool upstream: announced there (tools/list_changed), picked up here without waiting for the refresh.
    Await.result(upstream.vertx().eventBus().consumer("extra.tools.echo", call ->
      call.reply(new ToolOutput(Map.of("echo", true)))).completion());
    Await.result(upstream.vertx().eventBus().request(ToolsAddresses.REGISTER, new ToolRegistration("extra",
      List.of(new ToolDefinition("echo", "Echo", "Echoes.", Map.of("type", "object"), null,
        ToolAnnotations.READ_ONLY, "extra", "extra.tools.echo", null)))));
    Await.eventually(() -> a.api().get("/api/v1/tools/up__echo", user).statusCode(), status -> status == 200);

    // The upstream dies: its tools stay listed, calls fail fast with a readable error, it is marked unavailable.
    upstream.close();
    JsonObject failed = Api.json(a.api().post("/api/v1/tools/up__whoami/invoke", user, new JsonObject()));
    assertThat(failed.getBoolean("is_error")).isTrue();
    assertThat(failed.getString("text")).contains("unavailable");
    assertThat(a.api().get("/api/v1/tools/up__whoami", user).statusCode()).isEqualTo(200);
    JsonObject down = Await.eventually(() -> Api.json(a.api().get("/api/v1/mcp/servers/up", root)),
      server -> "unavailable".equals(server.getString("status")));
    assertThat(down.getJsonArray("tools").getList()).contains("up__whoami");
    assertThat(down.getString("last_error")).isNotBlank();

    assertThat(b.api().delete("/api/v1/mcp/servers/up", root).statusCode()).isEqualTo(204);
    Await.eventually(() -> a.api().get("/api/v1/tools/up__whoami", user).statusCode(), status -> status == 404);
    assertThat(a.api().get("/api/v1/mcp/servers/up", root).statusCode()).isEqualTo(404);
    Await.eventually(() -> Await.result(discovery.getRecords(record ->
      DiscoveryRecords.UPSTREAM_TYPE.equals(record.getType()))).size(), count -> count == 0);
    discovery.close();
  }

  private static JsonObject server(String name) {
    return new JsonObject().put("name", name).put("url", "http://127.0.0.1:" + upstream.port() + "/mcp")
      .put("description", "the other platform").put("bearer_token", upstreamKey);
  }

  private static JsonObject fastRefresh(JsonObject config) {
    config.getJsonObject("mcp").put("upstream_refresh_seconds", 5).put("tool_timeout_ms", 3000);
    return config;
  }

  /** A database of its own in the shared PostgreSQL, so the upstream platform shares no schema with this one. */
  /** A database and a Redis database of its own: the upstream is another installation, not another node. */
  private static void separateStorage(JsonObject config) {
    config.getJsonObject("postgres").put("url", newDatabase());
    config.getJsonObject("redis").put("url", SharedInfra.redisUrl() + "/1");
  }

  private static String newDatabase() {
    String url = SharedInfra.postgresUrl();
    String name = "upstream_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Vertx vertx = Vertx.vertx();
    try {
      var client = PgBuilder.client().connectingTo(url).using(vertx).build();
      Await.result(client.query("CREATE DATABASE " + name).execute().eventually(client::close));
      return url.substring(0, url.lastIndexOf('/') + 1) + name;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      vertx.close();
    }
  }
}
