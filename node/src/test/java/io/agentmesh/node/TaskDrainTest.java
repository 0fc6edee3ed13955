package io.agentmesh.node;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TaskEventPage;
import io.agentmesh.contract.tasks.TaskEventQuery;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.agentmesh.node.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM of the node running a task: it stops claiming, gives the attempt its grace period, then gives the lease
 * back, so the other worker resumes the task at once, long before the 60 s lease would have lapsed.
 */
@DisplayName("A worker shutting down hands its tasks over at once")
class TaskDrainTest {

  private static final long LEASE_MS = 60_000;
  private static String cluster;
  private static Node gateway;
  private static Api api;
  private static final WorkerProcesses workers = new WorkerProcesses();

  @BeforeAll
  static void start() throws Exception {
    cluster = TestClusters.newClusterName();
    gateway = TestNodes.start(config(), "gateway,auth,agents,memory,mcp");
    api = new Api(gateway.config().httpPort());
    workers.start(config());
    workers.start(config());
  }

  @AfterAll
  static void stop() throws Exception {
    workers.close();
    api.close();
    gateway.stop();
  }

  @Test
  @DisplayName("SIGTERM mid-task: the other worker restarts it within seconds and completes it")
  void handOver() throws Exception {
    String token = api.accessToken(api.newUser("drain"));
    String agent = Api.json(api.post("/api/v1/agents", token, new JsonObject().put("name", "slow")
      .put("model", new JsonObject().put("provider", "scripted").put("name", "slow")))).getString("id");
    String session = Api.json(api.post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    String id = Api.json(api.post("/api/v1/sessions/" + session + "/tasks", token,
      new JsonObject().put("input", "go"))).getString("id");
    String running = await(() -> Api.json(api.get("/api/v1/tasks/" + id, token)).getString("status"),
      "in_progress"::equals);
    assertThat(running).isEqualTo("in_progress");
    String worker = workerOf(id, token);
    long terminated = System.nanoTime();
    workers.get(worker).sigterm();

    JsonObject done = await(() -> Api.json(api.get("/api/v1/tasks/" + id, token)),
      task -> task.getString("status").equals("completed"));
    long handedOverMs = (System.nanoTime() - terminated) / 1_000_000;
    assertThat(done.getInteger("attempt")).isEqualTo(2);
    assertThat(handedOverMs).as("resumed long before the lease of " + LEASE_MS + " ms lapsed").isLessThan(15_000);
    assertThat(workers.get(worker).awaitExit(Duration.ofSeconds(30))).as("exits as SIGTERM asks")
      .isEqualTo(143);
  }

  /** The worker named in the task's task.in_progress event, once it streams (read over the bus, as an admin). */
  private static String workerOf(String id, String token) throws Exception {
    Principal admin = new Principal("usr_test_admin", Set.of("admin"), Scopes.ALL, null);
    List<TaskEvent> events = await(() -> ((TaskEventPage) TestNodes.await(gateway.vertx().eventBus().request(
        TasksAddresses.EVENTS_AFTER, new TaskEventQuery(id, 0, 100), BusHeaders.deliveryOptions(admin, "test",
          5000))).body()).data(),
      seen -> seen.stream().anyMatch(event -> event.type().equals("task.message.delta")));
    return events.stream().filter(event -> event.type().equals("task.in_progress"))
      .map(event -> String.valueOf(event.data().get("worker")).split("/")[0]).reduce((a, b) -> b).orElseThrow();
  }

  private static JsonObject config() {
    JsonObject config = TestNodes.config(cluster, FreePorts.next());
    JsonArray deltas = new JsonArray();
    for (int i = 0; i < 30; i++) {
      deltas.add("w" + i + " ");
    }
    config.getJsonObject("providers").getJsonObject("scripted").put("scripts", new JsonObject()
      .put("slow", new JsonArray().add(new JsonObject().put("delay_ms", 200).put("deltas", deltas))));
    config.getJsonObject("tasks").put("lease_ms", LEASE_MS).put("poll_ms", 200);
    config.getJsonObject("node").put("shutdown_grace_ms", 1000);
    return config;
  }
}
