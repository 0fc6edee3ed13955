package io.agentmesh.node.tools;

import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import static io.agentmesh.node.agents.AgentsApiTest.draft;
import static org.assertj.core.api.Assertions.assertThat;

/** The official MCP Java SDK client against a running node: what real MCP clients will do. */
@DisplayName("The official MCP Java SDK client")
class McpSdkClientTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,memory,mcp");
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    token = node.api().accessToken(node.api().newUser("sdk"));
    Await.eventually(() -> node.api().get("/api/v1/tools/agents_get", token).statusCode(), status -> status == 200);
  }

  @Test
  @DisplayName("initializes, lists tools, pings and calls tools as the signed-in user")
  void realClient() {
    String agent = Api.json(node.api().post("/api/v1/agents", token, draft("sdk agent"))).getString("id");
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
      .builder("http://127.0.0.1:" + node.port())
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
