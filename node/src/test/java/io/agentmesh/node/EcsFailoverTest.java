package io.agentmesh.node;

import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.FreePorts;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ECS world moves when its node dies or freezes. The world runs only on ecs nodes in processes of their own;
 * the test JVM's node serves the API and forwards over the bus. kill -9 of the world's node: another takes over
 * within 10 s, from the last snapshot plus the stored commands, so an entity acknowledged just before the kill
 * exists after it, as it was. SIGSTOP of the next one past its lease: a third takes over, and the frozen one, woken,
 * never answers for the world again.
 */
@DisplayName("The ECS world fails over across processes")
class EcsFailoverTest {

  private static final Logger LOG = LoggerFactory.getLogger(EcsFailoverTest.class);
  private static final long LEASE_MS = 3000;

  @RegisterExtension
  static final TestNode gateway = TestNode.withRoles("gateway,auth,agents,mcp");
  @RegisterExtension
  static final WorkerProcesses worlds = new WorkerProcesses();

  private static String startWorldNode() throws Exception {
    JsonObject config = TestNodes.config(gateway.clusterName(), FreePorts.next());
    config.getJsonObject("ecs").put("lease_ms", LEASE_MS).put("snapshot_every_ticks", 20)
      .put("snapshot_interval_ms", 1000).put("initial_population", 200);
    return worlds.start(config, "ecs");
  }

  private static JsonObject status(String token) throws Exception {
    return Await.eventually(Duration.ofSeconds(30), () -> gateway.api().get("/api/v1/ecs/status", token),
      response -> response.statusCode() == 200).bodyAsJsonObject();
  }

  @Test
  @DisplayName("kill -9: taken over within 10 s, nothing acknowledged lost; SIGSTOP: the frozen node is fenced")
  void failover() throws Exception {
    String first = startWorldNode();
    CompletableFuture<String> second = CompletableFuture.supplyAsync(EcsFailoverTest::startQuietly);
    String admin = gateway.adminToken();
    String token = gateway.api().accessToken(gateway.api().newUser("survivor"));
    HttpResponse<Buffer> reset = Await.eventually(Duration.ofSeconds(60), () -> gateway.api().post(
      "/api/v1/ecs/world/reset", admin, new JsonObject().put("seed", 11).put("population", 200)),
      response -> response.statusCode() == 200);
    assertThat(Api.json(reset).getString("leader_node")).isEqualTo(first);
    second.get(120, TimeUnit.SECONDS);

    JsonObject early = spawn(token, 0.2);
    Await.eventually(() -> status(token).getLong("tick"), tick -> tick > early.getLong("tick") + 40);
    JsonObject acknowledged = spawn(token, 0.8);
    long tickAtKill = acknowledged.getLong("tick");
    long killedAt = System.nanoTime();
    worlds.remove(first).sigkill();

    // every answer between the leaders is a 503 that says when to try again; then the new leader's 200
    JsonObject resumed = Await.eventually(Duration.ofSeconds(30), () -> {
      HttpResponse<Buffer> answer = gateway.api().get("/api/v1/ecs/status", token);
      if (answer.statusCode() != 200) {
        assertThat(answer.statusCode()).as("between leaders: " + answer.bodyAsString()).isEqualTo(503);
        assertThat(answer.getHeader("Retry-After")).isNotNull();
      }
      return answer;
    }, answer -> answer.statusCode() == 200).bodyAsJsonObject();
    long failoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    LOG.info("ECS-FAILOVER kill9_to_serving_ms={} lease_ms={}", failoverMs, LEASE_MS);
    assertThat(resumed.getString("leader_node")).isNotEqualTo(first);
    assertThat(failoverMs).as("taken over within 10 s").isLessThan(10_000);
    assertThat(resumed.getLong("tick")).as("resumed where the history was written").isGreaterThanOrEqualTo(
      tickAtKill);
    for (JsonObject spawned : new JsonObject[] {early, acknowledged}) {
      JsonObject found = Api.json(gateway.api().get("/api/v1/ecs/agents/" + spawned.getString("id"), token));
      assertThat(found.getJsonObject("traits")).as("the same entity").isEqualTo(spawned.getJsonObject("traits"));
      assertThat(found.getString("owner_id")).isEqualTo(spawned.getString("owner_id"));
    }
    long tick = resumed.getLong("tick");
    Await.eventually(() -> status(token).getLong("tick"), now -> now > tick + 20);

    String frozen = resumed.getString("leader_node");
    String third = startWorldNode();
    worlds.get(frozen).sigstop();
    JsonObject takenOver = Await.eventually(Duration.ofSeconds(40), () -> gateway.api().get("/api/v1/ecs/status",
      token), response -> response.statusCode() == 200 && third.equals(response.bodyAsJsonObject()
        .getString("leader_node"))).bodyAsJsonObject();
    JsonObject afterTakeover = spawn(token, 0.5);
    worlds.get(frozen).sigcont();
    // until the woken node has found out it lost the world, every answer comes from the new leader or is a 503
    AtomicInteger answers = new AtomicInteger();
    Await.eventually(Duration.ofSeconds(30), () -> {
      HttpResponse<Buffer> answer = gateway.api().get("/api/v1/ecs/agents/" + afterTakeover.getString("id"), token);
      assertThat(answer.statusCode()).as("never a view of the frozen node's world: " + answer.bodyAsString())
        .isIn(200, 503);
      HttpResponse<Buffer> now = gateway.api().get("/api/v1/ecs/status", token);
      if (now.statusCode() == 200) {
        answers.incrementAndGet();
        assertThat(now.bodyAsJsonObject().getString("leader_node")).isEqualTo(third);
      }
      return worlds.get(frozen).output();
    }, log -> log.contains("stops running the ECS world") && answers.get() >= 3);
    assertThat(answers.get()).isPositive();
    assertThat(gateway.api().get("/api/v1/ecs/status", token).bodyAsJsonObject().getString("leader_node"))
      .as("and after it").isEqualTo(third);
    assertThat(takenOver.getLong("tick")).isPositive();
  }

  private static String startQuietly() {
    try {
      return startWorldNode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject spawn(String token, double size) {
    HttpResponse<Buffer> created = gateway.api().post("/api/v1/ecs/agents", token, new JsonObject().put("traits",
      new JsonObject().put("size", size)));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return Api.json(created);
  }
}
