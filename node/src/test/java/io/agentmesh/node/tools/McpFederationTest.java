package io.agentmesh.node.tools;

import io.agentmesh.contract.discovery.DiscoveryRecords;
import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolOutput;
import io.agentmesh.contract.tools.ToolRegistration;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.agentmesh.node.Node;
import io.agentmesh.node.TestNodes;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.SharedInfra;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgBuilder;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.agentmesh.node.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Federation against a real upstream: a second platform (its own cluster, database and Redis database) whose
 * {@code /mcp} needs an API key of one of its users. The federating platform has two nodes; tools, calls, refresh on
 * {@code tools/list_changed}, the circuit when the upstream dies, discovery records and removal are checked through
 * the REST API and {@code /mcp}.
 */
@DisplayName("Federated MCP servers")
class McpFederationTest {

  private static Node upstream;
  private static Node a;
  private static Node b;
  private static Api onUpstream;
  private static Api onA;
  private static Api onB;
  private static String root;
  private static String upstreamKey;
  private static String upstreamUserId;

  @BeforeAll
  static void start() throws Exception {
    JsonObject separate = TestNodes.config(TestClusters.newClusterName(), FreePorts.next());
    separate.getJsonObject("postgres").put("url", newDatabase());
    separate.getJsonObject("redis").put("url", SharedInfra.redisUrl() + "/1");
    upstream = TestNodes.start(separate, "gateway,auth,agents,memory,mcp");
    onUpstream = new Api(upstream.config().httpPort());
    String fedUser = onUpstream.newUser("federated");
    String fedToken = onUpstream.accessToken(fedUser);
    upstreamUserId = Api.json(onUpstream.get("/api/v1/auth/me", fedToken)).getString("id");
    upstreamKey = Api.json(onUpstream.post("/api/v1/auth/api-keys", fedToken, new JsonObject().put("name", "fed")
      .put("scopes", new JsonArray().add("tools:call").add("agents:read")))).getString("key");

    String cluster = TestClusters.newClusterName();
    a = TestNodes.start(fastRefresh(TestNodes.config(cluster, FreePorts.next())), "gateway,auth,agents,memory,mcp");
    b = TestNodes.start(fastRefresh(TestNodes.config(cluster, FreePorts.next())), "gateway,mcp");
    onA = new Api(a.config().httpPort());
    onB = new Api(b.config().httpPort());
    root = onA.accessToken(TestNodes.ADMIN, TestNodes.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    onB.close();
    onA.close();
    onUpstream.close();
    b.stop();
    a.stop();
    if (upstream != null) {
      upstream.stop();
    }
  }

  @Test
  @DisplayName("an upstream's tools join the registry as <server>__<tool>, run with its own credentials, follow its "
    + "changes, stay listed when it dies, and leave with it")
  void federation() throws Exception {
    String user = onA.accessToken(onA.newUser("caller"));
    assertThat(onA.post("/api/v1/mcp/servers", user, server("up")).statusCode()).as("admins only").isEqualTo(403);
    HttpResponse<Buffer> invalid = onA.post("/api/v1/mcp/servers", root, new JsonObject().put("name", "Bad__Name")
      .put("url", "ftp://x"));
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(invalid.bodyAsString()).contains("\"name\"");

    HttpResponse<Buffer> added = onA.post("/api/v1/mcp/servers", root, server("up"));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    assertThat(added.bodyAsString()).doesNotContain(upstreamKey);
    JsonObject view = Api.json(added);
    assertThat(view.getString("status")).isEqualTo("available");
    assertThat(view.getBoolean("has_credentials")).isTrue();
    assertThat(view.getJsonArray("tools").getList()).contains("up__whoami", "up__agents_list");
    assertThat(onA.post("/api/v1/mcp/servers", root, server("up")).statusCode()).isEqualTo(409);
    assertThat(onB.get("/api/v1/mcp/servers", root).bodyAsString()).contains("\"up\"").doesNotContain(upstreamKey);

    // The call runs upstream as the API key's user: the caller's own token never leaves this platform.
    JsonObject whoami = await(() -> Api.json(onB.post("/api/v1/tools/up__whoami/invoke", user, new JsonObject())),
      result -> result.getBoolean("is_error") != null && !result.getBoolean("is_error"));
    assertThat(whoami.encode()).contains(upstreamUserId);

    ServiceDiscovery discovery = ServiceDiscovery.create(b.vertx());
    List<Record> records = TestNodes.await(discovery.getRecords(record ->
      DiscoveryRecords.UPSTREAM_TYPE.equals(record.getType())));
    assertThat(records).extracting(record -> record.getMetadata().getString(DiscoveryRecords.UPSTREAM))
      .contains("up");
    assertThat(records.get(0).getLocation().encode()).doesNotContain(upstreamKey);

    // A new tool upstream: announced there (tools/list_changed), picked up here without waiting for the refresh.
    TestNodes.await(upstream.vertx().eventBus().consumer("extra.tools.echo", call ->
      call.reply(new ToolOutput(Map.of("echo", true)))).completion());
    TestNodes.await(upstream.vertx().eventBus().request(ToolsAddresses.REGISTER, new ToolRegistration("extra",
      List.of(new ToolDefinition("echo", "Echo", "Echoes.", Map.of("type", "object"), null,
        ToolAnnotations.READ_ONLY, "extra", "extra.tools.echo", null)))));
    await(() -> onA.get("/api/v1/tools/up__echo", user).statusCode(), status -> status == 200);

    // The upstream dies: its tools stay listed, calls fail fast with a readable error, it is marked unavailable.
    upstream.stop();
    upstream = null;
    JsonObject failed = Api.json(onA.post("/api/v1/tools/up__whoami/invoke", user, new JsonObject()));
    assertThat(failed.getBoolean("is_error")).isTrue();
    assertThat(failed.getString("text")).contains("unavailable");
    assertThat(onA.get("/api/v1/tools/up__whoami", user).statusCode()).isEqualTo(200);
    JsonObject down = await(() -> Api.json(onA.get("/api/v1/mcp/servers/up", root)),
      server -> "unavailable".equals(server.getString("status")));
    assertThat(down.getJsonArray("tools").getList()).contains("up__whoami");
    assertThat(down.getString("last_error")).isNotBlank();

    assertThat(onB.delete("/api/v1/mcp/servers/up", root).statusCode()).isEqualTo(204);
    await(() -> onA.get("/api/v1/tools/up__whoami", user).statusCode(), status -> status == 404);
    assertThat(onA.get("/api/v1/mcp/servers/up", root).statusCode()).isEqualTo(404);
    await(() -> TestNodes.await(discovery.getRecords(record ->
      DiscoveryRecords.UPSTREAM_TYPE.equals(record.getType()))).size(), count -> count == 0);
    discovery.close();
  }

  private static JsonObject server(String name) {
    return new JsonObject().put("name", name).put("url", "http://127.0.0.1:" + upstream.config().httpPort() + "/mcp")
      .put("description", "the other platform").put("bearer_token", upstreamKey);
  }

  private static JsonObject fastRefresh(JsonObject config) {
    config.getJsonObject("mcp").put("upstream_refresh_seconds", 5).put("tool_timeout_ms", 3000);
    return config;
  }

  /** A database of its own in the shared PostgreSQL, so the upstream platform shares no schema with this one. */
  private static String newDatabase() throws Exception {
    String url = SharedInfra.postgresUrl();
    String name = "upstream_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    var client = PgBuilder.client().connectingTo(url).using(io.vertx.core.Vertx.vertx()).build();
    TestNodes.await(client.query("CREATE DATABASE " + name).execute());
    TestNodes.await(client.close());
    return url.substring(0, url.lastIndexOf('/') + 1) + name;
  }
}
