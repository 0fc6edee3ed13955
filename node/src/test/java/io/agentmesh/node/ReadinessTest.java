package io.agentmesh.node;

import io.agentmesh.embedded.EmbeddedRedisServer;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.SharedInfra;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.agentmesh.node.TestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("GET /health/ready")
class ReadinessTest {

  @Test
  @DisplayName("is 503 naming Redis while Redis is down, and 200 again once it is back")
  void followsRedis() throws Exception {
    Path redisData = SharedInfra.tempDir("ready-redis");
    int redisPort = FreePorts.next();
    EmbeddedRedisServer redis = EmbeddedRedisServer.start(redisData, redisPort);
    int port = FreePorts.next();
    JsonObject config = TestNodes.config(TestClusters.newClusterName(), port);
    config.getJsonObject("redis").put("url", redis.url());
    Node node = TestNodes.start(config, "gateway,probe");
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx);
    try {
      JsonObject up = awaitReady(client, port, 200).bodyAsJsonObject();
      assertThat(up.getJsonArray("checks").encode()).contains("postgres", "redis", "cluster", "domain:probe");

      redis.close();
      JsonObject down = awaitReady(client, port, 503).bodyAsJsonObject();
      assertThat(down.getString("status")).isEqualTo("DOWN");
      assertThat(down.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("name").equals("redis")).findFirst().orElseThrow().getString("status"))
        .isEqualTo("DOWN");

      redis = EmbeddedRedisServer.start(redisData, redisPort);
      awaitReady(client, port, 200);
    } finally {
      vertx.close();
      node.stop();
      redis.close();
    }
  }

  private static HttpResponse<Buffer> awaitReady(WebClient client, int port, int status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    HttpResponse<Buffer> last = null;
    while (System.nanoTime() < deadline) {
      last = await(client.get(port, "127.0.0.1", "/health/ready").send());
      if (last.statusCode() == status) {
        return last;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("readiness never " + status + "; last " + (last == null ? "none" : last.bodyAsString()));
  }
}
