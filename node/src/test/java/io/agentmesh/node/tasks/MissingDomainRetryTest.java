package io.agentmesh.node.tasks;

import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node A runs the gateway, auth, agents and tasks; memory runs on node M alone. While M is gone (a rolling restart,
 * a node still starting) an attempt cannot build its context: the task is tried again later instead of failing, and
 * completes once memory is back; what the task before it said reaches memory then too (the outbox waited).
 */
@DisplayName("A task whose domain is briefly absent")
class MissingDomainRetryTest {

  private static final String CLUSTER = TestClusters.newClusterName();

  @RegisterExtension
  static final TestNode memory = TestNode.withRoles("memory").inCluster(CLUSTER);
  @RegisterExtension
  static final TestNode a = TestNode.withRoles("gateway,auth,agents,tasks").inCluster(CLUSTER)
    .configure(MissingDomainRetryTest::oneAttempt);

  /** One attempt only: waiting for a domain no node serves must not spend attempts. */
  private static void oneAttempt(JsonObject config) {
    TasksApiTest.withScripts(config);
    config.getJsonObject("tasks").put("max_attempts", 1).put("retry_base_ms", 500).put("retry_max_ms", 500);
  }

  @Test
  @DisplayName("no handler for memory.context.build: waited out with backoff and no attempt spent, then completed")
  void retriedUntilMemoryReturns() throws Exception {
    String token = a.api().accessToken(a.api().newUser("patient"));
    String agent = Api.json(a.api().post("/api/v1/agents", token, new JsonObject().put("name", "patient")
      .put("concurrency", "enqueue").put("model", new JsonObject().put("provider", "scripted").put("name", "slow"))))
      .getString("id");
    String session = Api.json(a.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    CompletableFuture<String> firstDelta = new CompletableFuture<>();
    Await.result(a.vertx().eventBus().<TaskEvent>consumer(TasksAddresses.EVENTS, event -> {
      if (event.body().type().equals("task.message.delta")) {
        firstDelta.complete(event.body().taskId());
      }
    }).completion());
    String first = Api.json(a.api().post("/api/v1/sessions/" + session + "/tasks", token,
      new JsonObject().put("input", "first"))).getString("id");
    String second = Api.json(a.api().post("/api/v1/sessions/" + session + "/tasks", token,
      new JsonObject().put("input", "second"))).getString("id");
    // Past its context build (memory stopping during that read would fail it: "Pool closed", not a missing handler).
    assertThat(firstDelta.get(30, TimeUnit.SECONDS)).isEqualTo(first);

    memory.close(); // the first task has its context; the second waits behind it in the session, then finds no memory
    Await.eventually(() -> Api.json(a.api().get("/api/v1/tasks/" + second, token)), task -> task.getInteger("attempt",
      0) >= 2);
    assertThat(Api.json(a.api().get("/api/v1/tasks/" + second, token)).getString("status"))
      .isIn("queued", "in_progress");
    memory.start();

    JsonObject done = Await.eventually(() -> Api.json(a.api().get("/api/v1/tasks/" + second, token)),
      task -> !task.getString("status").equals("queued") && !task.getString("status").equals("in_progress"));
    assertThat(done.getString("status")).as(done.encode()).isEqualTo("completed");
    assertThat(Api.json(a.api().get("/api/v1/tasks/" + first, token)).getString("status")).isEqualTo("completed");
    String events = a.api().get("/api/v1/tasks/" + second + "/events", token).bodyAsString();
    assertThat(events).contains("event: task.attempt_restarted").doesNotContain("event: task.failed");
    JsonObject messages = Await.eventually(() -> Api.json(a.api().get("/api/v1/sessions/" + session
      + "/messages?limit=100",
      token)), page -> page.getJsonArray("data").size() == 4);
    assertThat(messages.getJsonArray("data").stream().map(m -> ((JsonObject) m).getValue("content")))
      .as("both tasks' input and answer, in order").containsExactly("first", "abcdefghijklmnop", "second",
        "abcdefghijklmnop");
  }
}
