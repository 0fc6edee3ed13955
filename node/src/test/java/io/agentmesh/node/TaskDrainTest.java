package io.agentmesh.node;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TaskEventPage;
import io.agentmesh.contract.tasks.TaskEventQuery;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM of a node running tasks: it stops claiming and hands its running tasks over at once, their leases given
 * back without costing an attempt, so another worker (or the node itself, restarted) resumes them long before a
 * lease would lapse; a restarted node claims only once its own domains are up.
 */
@DisplayName("A node shutting down hands its tasks over at once")
class TaskDrainTest {

  private static final Logger LOG = LoggerFactory.getLogger(TaskDrainTest.class);
  private static final long LEASE_MS = 60_000;

  @RegisterExtension
  static final TestNode gateway = TestNode.withRoles("gateway,auth,agents,memory,mcp")
    .configure(TaskDrainTest::scriptsAndLongLease);
  @RegisterExtension
  static final WorkerProcesses workers = new WorkerProcesses();
  private static String token;

  @BeforeAll
  static void startWorkers() throws Exception {
    token = gateway.api().accessToken(gateway.api().newUser("drain"));
    workers.start(config(gateway.clusterName()));
    workers.start(config(gateway.clusterName()));
  }

  @Test
  @DisplayName("SIGTERM mid-task: the node exits without waiting for the task; the other worker completes it")
  void handOver() throws Exception {
    String session = session(gateway.api(), token, "slow");
    String id = submit(gateway.api(), token, session);
    String worker = workerOf(id);
    long terminated = System.nanoTime();
    workers.get(worker).sigterm();
    int exit = workers.get(worker).awaitExit(Duration.ofSeconds(30));
    long stopMs = (System.nanoTime() - terminated) / 1_000_000;

    JsonObject done = Await.eventually(() -> Api.json(gateway.api().get("/api/v1/tasks/" + id, token)),
      task -> task.getString("status").equals("completed"));
    long handedOverMs = (System.nanoTime() - terminated) / 1_000_000;
    LOG.info("TASK-HANDOVER node_stop_ms={} resumed_and_completed_ms={}", stopMs, handedOverMs);
    assertThat(exit).as("exits as SIGTERM asks").isEqualTo(143);
    assertThat(stopMs).as("the stop hands the task over instead of waiting out its 10 s").isLessThan(8_000);
    assertThat(done.getInteger("attempt")).isEqualTo(2);
    assertThat(handedOverMs).as("resumed long before the lease of " + LEASE_MS + " ms lapsed").isLessThan(30_000);
    workers.remove(worker);
    workers.start(config(gateway.clusterName()));
  }

  @Test
  @DisplayName("a rolling restart of both workers while 20 tasks run: every task completes")
  void rollingRestart() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(submit(gateway.api(), token, session(gateway.api(), token, "brisk")));
    }
    for (String worker : List.copyOf(workerIds())) {
      workers.get(worker).sigterm();
      workers.get(worker).awaitExit(Duration.ofSeconds(30));
      workers.remove(worker);
      workers.start(config(gateway.clusterName()));
    }
    for (String id : ids) {
      JsonObject task = Await.eventually(() -> Api.json(gateway.api().get("/api/v1/tasks/" + id, token)),
        t -> !t.getString("status").matches("queued|in_progress"));
      assertThat(task.getString("status")).as(task.encode()).isEqualTo("completed");
    }
  }

  @Test
  @DisplayName("one node with every role: SIGTERM mid-stream, restart on the same data; the task completes once")
  void restartAlone() throws Exception {
    String alone = TestClusters.newClusterName();
    JsonObject config = config(alone);
    NodeProcess first = NodeProcess.start(config, null, Map.of()).awaitReady(Duration.ofSeconds(90));
    int port = config.getJsonObject("http").getInteger("port");
    Vertx client = Vertx.vertx();
    try (Api direct = new Api(port)) {
      HttpClient http = client.createHttpClient();
      String user = direct.accessToken(direct.newUser("alone"));
      String session = session(direct, user, "slow");
      String id = submit(direct, user, session);
      List<JsonObject> before = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> cut = SseStream.open(http, port, "/api/v1/tasks/" + id + "/events", user, before);
      Await.eventually(() -> before.stream().anyMatch(e -> e.getString("type").equals("task.message.delta")),
        seen -> seen);
      long terminated = System.nanoTime();
      first.sigterm();
      assertThat(first.awaitExit(Duration.ofSeconds(30))).isEqualTo(143);
      long stopMs = (System.nanoTime() - terminated) / 1_000_000;
      cut.handle((ended, failed) -> null).get(5, TimeUnit.SECONDS); // the open stream ended with the node
      LOG.info("NODE-STOP all roles, one running task, one open stream: stop_ms={}", stopMs);
      try (NodeProcess second = NodeProcess.start(config, null, Map.of()).awaitReady(Duration.ofSeconds(90))) {
        JsonObject done = Await.eventually(() -> Api.json(direct.get("/api/v1/tasks/" + id, user)),
          task -> !task.getString("status").matches("queued|in_progress"));
        assertThat(done.getString("status")).as(done.encode()).isEqualTo("completed");
        List<JsonObject> events = new CopyOnWriteArrayList<>();
        SseStream.open(http, port, "/api/v1/tasks/" + id + "/events?after=0", user, events)
          .get(30, TimeUnit.SECONDS);
        assertThat(events).extracting(e -> e.getLong("sequence_number")).as("gap-free")
          .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events.stream().filter(e -> e.getString("type").equals("task.attempt_restarted"))).hasSize(1);
        JsonArray messages = Await.eventually(() -> Api.json(direct.get("/api/v1/sessions/" + session + "/messages",
          user))
          .getJsonArray("data"), data -> data.size() >= 2);
        assertThat(messages.stream().map(m -> ((JsonObject) m).getString("role")).toList())
          .as("the output written once").containsExactly("user", "assistant");
        second.sigterm();
        second.awaitExit(Duration.ofSeconds(30));
      }
    } finally {
      first.close();
      client.close();
    }
  }

  private static String session(Api on, String user, String script) {
    String agent = Api.json(on.post("/api/v1/agents", user, new JsonObject().put("name", script)
      .put("model", new JsonObject().put("provider", "scripted").put("name", script)))).getString("id");
    return Api.json(on.post("/api/v1/agents/" + agent + "/sessions", user, new JsonObject())).getString("id");
  }

  private static String submit(Api on, String user, String session) {
    return Api.json(on.post("/api/v1/sessions/" + session + "/tasks", user, new JsonObject().put("input", "go")))
      .getString("id");
  }

  private static Set<String> workerIds() {
    return workers.ids();
  }

  /** The worker named in the task's task.in_progress event, once it streams (read over the bus, as an admin). */
  private static String workerOf(String id) throws Exception {
    Principal admin = new Principal("usr_test_admin", Set.of("admin"), Scopes.ALL, null);
    List<TaskEvent> events = Await.eventually(() -> ((TaskEventPage) Await.result(gateway.vertx().eventBus().request(
        TasksAddresses.EVENTS_AFTER, new TaskEventQuery(id, 0, 100), BusHeaders.deliveryOptions(admin, "test",
          5000))).body()).data(),
      seen -> seen.stream().anyMatch(event -> event.type().equals("task.message.delta")));
    return events.stream().filter(event -> event.type().equals("task.in_progress"))
      .map(event -> String.valueOf(event.data().get("worker")).split("/")[0]).reduce((a, b) -> b).orElseThrow();
  }

  /** "slow": 20 deltas 500 ms apart (10 s, longer than a stop should take); "brisk": 6 deltas 300 ms apart. */
  private static JsonObject config(String clusterName) {
    JsonObject config = TestNodes.config(clusterName, FreePorts.next());
    scriptsAndLongLease(config);
    return config;
  }

  private static void scriptsAndLongLease(JsonObject config) {
    config.getJsonObject("providers").getJsonObject("scripted").put("scripts", new JsonObject()
      .put("slow", new JsonArray().add(new JsonObject().put("delay_ms", 500).put("deltas", words(20))))
      .put("brisk", new JsonArray().add(new JsonObject().put("delay_ms", 300).put("deltas", words(6)))));
    config.getJsonObject("tasks").put("lease_ms", LEASE_MS).put("poll_ms", 200).put("retry_base_ms", 200)
      .put("retry_max_ms", 1000);
    config.getJsonObject("node").put("shutdown_grace_ms", 10_000);
  }

  private static JsonArray words(int count) {
    JsonArray deltas = new JsonArray();
    for (int i = 0; i < count; i++) {
      deltas.add("w" + i + " ");
    }
    return deltas;
  }
}
