package io.agentmesh.node.auth;

import io.agentmesh.node.TestNode;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits decided in memory from shares leased from Redis stay cluster-wide: one principal hammering three
 * nodes at once gets its limit and no more; one that stays under its limit is never refused, whichever nodes it uses.
 * Windows of a day, so no test run straddles two.
 */
@DisplayName("Rate limits across three nodes")
class RateLimitAccuracyTest {

  private static final int LIMIT = 60;
  private static final String CLUSTER = TestClusters.newClusterName();

  @RegisterExtension
  static final TestNode a = limited("gateway,auth");
  @RegisterExtension
  static final TestNode b = limited("gateway");
  @RegisterExtension
  static final TestNode c = limited("gateway");

  private static TestNode limited(String roles) {
    return TestNode.withRoles(roles).inCluster(CLUSTER).configure(config -> config.getJsonObject("rate_limit")
      .put("enabled", true).put("read_limit", LIMIT).put("read_window_seconds", 86_400).put("auth_limit", 1000));
  }

  @Test
  @DisplayName("one principal hammering all three at once: accepted <= limit x 1.05, and the limit is reached")
  void hammered() throws Exception {
    String token = a.api().accessToken(a.api().newUser("hammer"));
    List<CompletableFuture<List<Integer>>> threads = new ArrayList<>();
    for (TestNode node : List.of(a, b, c)) {
      threads.add(CompletableFuture.supplyAsync(() -> {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
          HttpResponse<Buffer> response = node.api().get("/api/v1/auth/me", token);
          statuses.add(response.statusCode());
          if (response.statusCode() == 429) {
            assertThat(response.getHeader("Retry-After")).isNotNull();
          }
        }
        return statuses;
      }));
    }
    long accepted = 0;
    for (CompletableFuture<List<Integer>> thread : threads) {
      List<Integer> statuses = thread.get(60, TimeUnit.SECONDS);
      assertThat(statuses).containsOnly(200, 429);
      accepted += statuses.stream().filter(status -> status == 200).count();
    }
    assertThat(accepted).isLessThanOrEqualTo((long) Math.floor(LIMIT * 1.05)).isGreaterThanOrEqualTo(LIMIT);
  }

  @Test
  @DisplayName("a client that stays under its limit is never refused, moving between the nodes")
  void wellBehaved() {
    String token = a.api().accessToken(a.api().newUser("polite"));
    List<TestNode> nodes = List.of(a, b, c);
    for (int i = 0; i < LIMIT * 9 / 10; i++) {
      HttpResponse<Buffer> response = nodes.get(i % 3).api().get("/api/v1/auth/me", token);
      assertThat(response.statusCode()).as("request %d", i + 1).isEqualTo(200);
      assertThat(response.getHeader("RateLimit")).startsWith("\"read\";r=");
    }
  }
}
