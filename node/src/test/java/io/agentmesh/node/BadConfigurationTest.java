package io.agentmesh.node;

import io.agentmesh.node.config.ConfigException;
import io.agentmesh.node.config.NodeConfig;
import io.agentmesh.testing.SharedInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A node given bad configuration")
class BadConfigurationTest {

  @Test
  @DisplayName("exits 2 with one line naming the key when a port is not a number")
  void portNotANumber() throws Exception {
    String line = failedLine(Map.of("AGENTMESH_HTTP_PORT", "abc"), null, 2);
    assertThat(line).contains("config error: http.port: expected an integer").contains("abc");
  }

  @Test
  @DisplayName("exits 1 with one line when PostgreSQL cannot be reached")
  void unreachablePostgres() throws Exception {
    String line = failedLine(Map.of("AGENTMESH_POSTGRES_URL", "postgresql://postgres:secret@127.0.0.1:1/postgres",
      "AGENTMESH_REDIS_URL", SharedInfra.redisUrl(), "AGENTMESH_HTTP_PORT", "0"), "gateway", 1);
    assertThat(line).contains("postgres.url: cannot connect to postgresql://postgres:***@127.0.0.1:1/postgres")
      .doesNotContain("secret");
  }

  @Test
  @DisplayName("refuses prod mode without a database URL")
  void prodWithoutDatabase() throws Exception {
    String line = failedLine(Map.of("AGENTMESH_MODE", "prod"), null, 2);
    assertThat(line).contains("config error: postgres.url: required in prod mode");
  }

  @Test
  @DisplayName("refuses prod mode with the auth role but no configured signing key")
  void prodWithoutSigningKey() {
    JsonObject json = prodConfig();
    assertThatThrownBy(() -> NodeConfig.from(json, "gateway,auth"))
      .hasMessageStartingWith("auth.signing_key_pem: required in prod mode");
    assertThat(NodeConfig.from(json, "gateway").prod()).isTrue();
  }

  @Test
  @DisplayName("refuses the conformance pack in prod mode, and deploys its role only when the flag is on")
  void conformancePackOnlyInDev() {
    JsonObject prod = prodConfig();
    prod.getJsonObject("mcp").put("conformance_pack", true);
    assertThatThrownBy(() -> NodeConfig.from(prod, "gateway"))
      .hasMessageStartingWith("mcp.conformance_pack: the conformance pack lets MCP clients in without a credential");

    JsonObject off = TestNodes.defaults();
    assertThat(NodeConfig.from(off, null).roleNames()).doesNotContain("conformance").contains("gateway", "mcp");
    assertThatThrownBy(() -> NodeConfig.from(off, "gateway,conformance"))
      .hasMessageStartingWith("node.roles: unknown role \"conformance\"");
    off.getJsonObject("mcp").put("conformance_pack", true);
    assertThat(NodeConfig.from(off, null).roleNames()).contains("conformance");
  }

  @Test
  @DisplayName("refuses a role it does not know")
  void unknownRole() throws Exception {
    assertThat(failedLine(Map.of(), "gateway,nope", 2)).contains("node.roles: unknown role \"nope\"");
  }

  @Test
  @DisplayName("validates every typed key before starting anything")
  void validatesTypes() {
    JsonObject json = TestNodes.defaults();
    json.getJsonObject("bus").put("prefer_local", "sometimes");
    assertThatThrownBy(() -> NodeConfig.from(json, null)).isInstanceOf(ConfigException.class)
      .hasMessage("bus.prefer_local: expected true or false, got \"sometimes\" (set in a config file, "
        + "AGENTMESH_BUS_PREFER_LOCAL or -Dagentmesh.bus.prefer_local)");
    JsonObject negative = TestNodes.defaults();
    negative.getJsonObject("bus").put("send_timeout_ms", 5);
    assertThatThrownBy(() -> NodeConfig.from(negative, null)).hasMessageStartingWith("bus.send_timeout_ms:");
  }

  @Test
  @DisplayName("object-valued keys: JSON through the environment, a wrong script or price named at start")
  void objectSettings() throws Exception {
    assertThat(failedLine(Map.of("AGENTMESH_PROVIDERS_SCRIPTED_SCRIPTS", "{\"m\": [{\"deltas\": [1]}]}"), null, 2))
      .as("read from the environment, then checked").contains("providers.scripted.scripts.m[0].deltas");
    assertThat(failedLine(Map.of("AGENTMESH_TASKS_PRICES", "not json"), null, 2))
      .contains("tasks.prices: AGENTMESH_TASKS_PRICES must hold a JSON object");
    JsonObject json = TestNodes.defaults();
    json.getJsonObject("providers").getJsonObject("scripted").put("scripts", new JsonObject().put("m",
      new JsonArray().add(new JsonObject().put("delay", 5))));
    assertThatThrownBy(() -> NodeConfig.from(json, null)).isInstanceOf(ConfigException.class)
      .hasMessageStartingWith("providers.scripted.scripts.m[0].delay: is not a field of a turn");
    JsonObject prices = TestNodes.defaults();
    prices.getJsonObject("tasks").put("prices", new JsonObject().put("gpt", new JsonObject()
      .put("input_per_mtok", -1)));
    assertThatThrownBy(() -> NodeConfig.from(prices, null)).hasMessageStartingWith("tasks.prices.gpt.input_per_mtok:");
    JsonObject good = TestNodes.defaults();
    good.getJsonObject("providers").getJsonObject("scripted").put("scripts", new JsonObject().put("m",
      new JsonArray().add(new JsonObject().put("deltas", new JsonArray().add("hi")).put("delay_ms", 5)
        .put("tool_calls", new JsonArray().add(new JsonObject().put("name", "whoami"))))));
    assertThat(NodeConfig.from(good, null).roleNames()).contains("tasks");
  }

  private static String failedLine(Map<String, String> env, String roles, int expectedExit) throws Exception {
    try (NodeProcess node = NodeProcess.start(null, roles, env)) {
      int exit = node.awaitExit(Duration.ofSeconds(90));
      List<String> lines = node.output().lines().filter(l -> l.startsWith("agentmesh: ")).toList();
      assertThat(exit).as(node.output()).isEqualTo(expectedExit);
      assertThat(lines).as(node.output()).hasSize(1);
      return lines.get(0);
    }
  }

  /** Prod mode with external PostgreSQL and Redis URLs (never contacted by these checks). */
  private static JsonObject prodConfig() {
    JsonObject json = TestNodes.defaults();
    json.put("mode", "prod");
    json.getJsonObject("postgres").put("url", "postgresql://app:secret@db:5432/app");
    json.getJsonObject("redis").put("url", "redis://cache:6379");
    return json;
  }
}
