package io.agentmesh.node.auth;

import io.agentmesh.embedded.EmbeddedRedisServer;
import io.agentmesh.node.ExpectedFailureLogs;
import io.agentmesh.node.TestNode;
import io.agentmesh.testing.SharedInfra;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Rate limits")
class RateLimitTest {

  private static final int LIMIT = 20;

  @Test
  @DisplayName("hold cluster-wide: N per window across two nodes, with RateLimit headers and Retry-After")
  void acrossTwoNodes() {
    String cluster = TestClusters.newClusterName();
    try (TestNode a = limited("gateway,auth", cluster, "open", SharedInfra.redisUrl()).start();
         TestNode b = limited("gateway", cluster, "open", SharedInfra.redisUrl()).start()) {
      String token = a.api().accessToken(a.api().newUser("busy"));
      List<HttpResponse<Buffer>> responses = new ArrayList<>();
      for (int i = 0; i < 3 * LIMIT; i++) {
        responses.add((i % 2 == 0 ? a.api() : b.api()).get("/api/v1/auth/me", token));
      }
      long accepted = responses.stream().filter(r -> r.statusCode() == 200).count();
      assertThat(accepted).isLessThanOrEqualTo((long) Math.floor(LIMIT * 1.05)).isGreaterThanOrEqualTo(LIMIT);
      assertThat(responses).allSatisfy(r -> {
        assertThat(r.getHeader("RateLimit-Policy")).isEqualTo("\"read\";q=" + LIMIT + ";w=86400");
        assertThat(r.getHeader("RateLimit")).startsWith("\"read\";r=");
      });
      HttpResponse<Buffer> refused = responses.get(responses.size() - 1);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 86_400);
      assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
  }

  @Test
  @DisplayName("when Redis is down: fail-open lets requests through, fail-closed answers 503")
  void redisDown() throws Exception {
    EmbeddedRedisServer redis = EmbeddedRedisServer.start(SharedInfra.tempDir("rl-redis"), 0);
    String cluster = TestClusters.newClusterName();
    try (TestNode open = limited("gateway,probe", cluster, "open", redis.url()).start();
         TestNode closed = limited("gateway", cluster, "closed", redis.url()).start();
         ExpectedFailureLogs quiet = ExpectedFailureLogs.quiet("io.vertx.redis.client.impl.RedisConnectionManager")) {
      Api onOpen = open.api();
      Api onClosed = closed.api();
      assertThat(onOpen.get("/api/v1/ping?domain=probe", null).statusCode()).isEqualTo(200);
      assertThat(onClosed.get("/api/v1/ping?domain=probe", null).statusCode()).isEqualTo(200);
      redis.close();
      assertThat(onOpen.get("/api/v1/ping?domain=probe", null).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> refused = onClosed.get("/api/v1/ping?domain=probe", null);
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.getHeader("Retry-After")).isNotNull();
    }
  }

  private static TestNode limited(String roles, String cluster, String onRedisDown, String redisUrl) {
    return TestNode.withRoles(roles).inCluster(cluster).configure(config -> {
      config.getJsonObject("rate_limit").put("enabled", true).put("read_limit", LIMIT)
        .put("read_window_seconds", 86_400); // a day: no run straddles two windows
      config.getJsonObject("redis").put("url", redisUrl).put("on_down", onRedisDown);
    });
  }
}
