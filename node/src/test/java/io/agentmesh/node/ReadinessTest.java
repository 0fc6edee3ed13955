package io.agentmesh.node;

import io.agentmesh.embedded.EmbeddedRedisServer;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.SharedInfra;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("GET /health/ready")
class ReadinessTest {

  @Test
  @DisplayName("is 503 naming Redis while Redis is down, and 200 again once it is back")
  void followsRedis() throws Exception {
    Path redisData = SharedInfra.tempDir("ready-redis");
    int redisPort = FreePorts.next();
    EmbeddedRedisServer redis = EmbeddedRedisServer.start(redisData, redisPort);
    String redisUrl = redis.url();
    try (TestNode node = TestNode.withRoles("gateway,probe")
      .configure(config -> config.getJsonObject("redis").put("url", redisUrl)).start();
         ExpectedFailureLogs quiet = ExpectedFailureLogs.quiet("io.vertx.redis.client.impl.RedisConnectionManager")) {
      JsonObject up = awaitReady(node, 200).bodyAsJsonObject();
      assertThat(up.getJsonArray("checks").encode()).contains("postgres", "redis", "cluster", "domain:probe");

      redis.close();
      JsonObject down = awaitReady(node, 503).bodyAsJsonObject();
      assertThat(down.getString("status")).isEqualTo("DOWN");
      assertThat(down.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("name").equals("redis")).findFirst().orElseThrow().getString("status"))
        .isEqualTo("DOWN");

      redis = EmbeddedRedisServer.start(redisData, redisPort);
      awaitReady(node, 200);
    } finally {
      redis.close();
    }
  }

  private static HttpResponse<Buffer> awaitReady(TestNode node, int status) throws Exception {
    return Await.eventually(Duration.ofSeconds(20), () -> node.api().get("/health/ready", null),
      ready -> ready.statusCode() == status);
  }
}
