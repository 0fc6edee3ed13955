package io.agentmesh.node.tools;

import io.agentmesh.node.Node;
import io.agentmesh.node.TestNodes;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.TestClusters;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.agentmesh.node.agents.AgentsApiTest.draft;
import static org.assertj.core.api.Assertions.assertThat;

/** The official MCP Java SDK client against a running node: what real MCP clients will do. */
@DisplayName("The official MCP Java SDK client")
class McpSdkClientTest {

  private static Node node;
  private static Api api;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    node = TestNodes.start(TestNodes.config(TestClusters.newClusterName(), FreePorts.next()),
      "gateway,auth,agents,memory,mcp");
    api = new Api(node.config().httpPort());
    token = api.accessToken(api.newUser("sdk"));
    for (int i = 0; i < 100 && api.get("/api/v1/tools/agents_get", token).statusCode() != 200; i++) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  @AfterAll
  static void stop() {
    api.close();
    node.stop();
  }

  @Test
  @DisplayName("initializes, lists tools, pings and calls tools as the signed-in user")
  void realClient() {
    String agent = Api.json(api.post("/api/v1/agents", token, draft("sdk agent"))).getString("id");
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
      .builder("http://127.0.0.1:" + node.config().httpPort())
      .endpoint("/mcp")
      .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
      .build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
    try {
      McpSchema.InitializeResult init = client.initialize();
      assertThat(init.serverInfo().name()).isEqualTo("agentmesh");
      assertThat(init.capabilities().tools()).isNotNull();
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
        .contains("whoami", "agents_get", "messages_read");
      client.ping();
      McpSchema.CallToolResult whoami = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
      assertThat(whoami.isError()).isFalse();
      assertThat(whoami.structuredContent()).isNotNull();
      McpSchema.CallToolResult got = client.callTool(new McpSchema.CallToolRequest("agents_get",
        Map.of("id", agent)));
      assertThat(got.isError()).isFalse();
      assertThat(((McpSchema.TextContent) got.content().get(0)).text()).contains("sdk agent");
      McpSchema.CallToolResult invalid = client.callTool(new McpSchema.CallToolRequest("agents_get",
        Map.of("id", 42)));
      assertThat(invalid.isError()).isTrue();
    } finally {
      client.closeGracefully();
    }
  }

}
