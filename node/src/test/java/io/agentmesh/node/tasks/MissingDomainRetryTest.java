package io.agentmesh.node.tasks;

import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.node.Node;
import io.agentmesh.node.TestNodes;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.agentmesh.node.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node A runs the gateway, auth, agents and tasks; memory runs on node M alone. While M is gone (a rolling restart,
 * a node still starting) an attempt cannot build its context: the task is tried again later instead of failing, and
 * completes once memory is back; what the task before it said reaches memory then too (the outbox waited).
 */
@DisplayName("A task whose domain is briefly absent")
class MissingDomainRetryTest {

  private static String cluster;
  private static Node a;
  private static Node memory;
  private static Api api;

  @BeforeAll
  static void start() {
    cluster = TestClusters.newClusterName();
    memory = TestNodes.start(TestNodes.config(cluster, FreePorts.next()), "memory");
    JsonObject config = TasksApiTest.withScripts(TestNodes.config(cluster, FreePorts.next()));
    // One attempt only: waiting for a domain no node serves must not spend attempts.
    config.getJsonObject("tasks").put("max_attempts", 1).put("retry_base_ms", 500).put("retry_max_ms", 500);
    a = TestNodes.start(config, "gateway,auth,agents,tasks");
    api = new Api(a.config().httpPort());
  }

  @AfterAll
  static void stop() {
    api.close();
    a.stop();
    memory.stop();
  }

  @Test
  @DisplayName("no handler for memory.context.build: waited out with backoff and no attempt spent, then completed")
  void retriedUntilMemoryReturns() throws Exception {
    String token = api.accessToken(api.newUser("patient"));
    String agent = Api.json(api.post("/api/v1/agents", token, new JsonObject().put("name", "patient")
      .put("concurrency", "enqueue").put("model", new JsonObject().put("provider", "scripted").put("name", "slow"))))
      .getString("id");
    String session = Api.json(api.post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    CompletableFuture<String> firstDelta = new CompletableFuture<>();
    TestNodes.await(a.vertx().eventBus().<TaskEvent>consumer(TasksAddresses.EVENTS, event -> {
      if (event.body().type().equals("task.message.delta")) {
        firstDelta.complete(event.body().taskId());
      }
    }).completion());
    String first = Api.json(api.post("/api/v1/sessions/" + session + "/tasks", token,
      new JsonObject().put("input", "first"))).getString("id");
    String second = Api.json(api.post("/api/v1/sessions/" + session + "/tasks", token,
      new JsonObject().put("input", "second"))).getString("id");
    // Past its context build (memory stopping during that read would fail it: "Pool closed", not a missing handler).
    assertThat(firstDelta.get(30, TimeUnit.SECONDS)).isEqualTo(first);

    memory.stop(); // the first task has its context; the second waits behind it in the session, then finds no memory
    await(() -> Api.json(api.get("/api/v1/tasks/" + second, token)), task -> task.getInteger("attempt", 0) >= 2);
    assertThat(Api.json(api.get("/api/v1/tasks/" + second, token)).getString("status"))
      .isIn("queued", "in_progress");
    memory = TestNodes.start(TestNodes.config(cluster, FreePorts.next()), "memory");

    JsonObject done = await(() -> Api.json(api.get("/api/v1/tasks/" + second, token)),
      task -> !task.getString("status").equals("queued") && !task.getString("status").equals("in_progress"));
    assertThat(done.getString("status")).as(done.encode()).isEqualTo("completed");
    assertThat(Api.json(api.get("/api/v1/tasks/" + first, token)).getString("status")).isEqualTo("completed");
    String events = api.get("/api/v1/tasks/" + second + "/events", token).bodyAsString();
    assertThat(events).contains("event: task.attempt_restarted").doesNotContain("event: task.failed");
    JsonObject messages = await(() -> Api.json(api.get("/api/v1/sessions/" + session + "/messages?limit=100",
      token)), page -> page.getJsonArray("data").size() == 4);
    assertThat(messages.getJsonArray("data").stream().map(m -> ((JsonObject) m).getValue("content")))
      .as("both tasks' input and answer, in order").containsExactly("first", "abcdefghijklmnop", "second",
        "abcdefghijklmnop");
  }
}
