package io.agentmesh.node.tasks;

import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back-pressure and deadlines: with one worker busy, a second task stays queued (nothing is dropped) and, not
 * started within tasks.deadline_seconds, ends expired with a task.expired event.
 */
@DisplayName("A task not started within its deadline expires")
class TaskDeadlineTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,memory,mcp,tasks")
    .configure(TaskDeadlineTest::slowScriptOneWorker);

  private static void slowScriptOneWorker(JsonObject config) {
    JsonArray deltas = new JsonArray();
    for (int i = 0; i < 20; i++) {
      deltas.add("x");
    }
    config.getJsonObject("providers").getJsonObject("scripted").put("scripts", new JsonObject()
      .put("slow", new JsonArray().add(new JsonObject().put("delay_ms", 200).put("deltas", deltas))));
    config.getJsonObject("tasks").put("worker_concurrency", 1).put("deadline_seconds", 1).put("sweep_ms", 200)
      .put("poll_ms", 200);
  }

  @Test
  @DisplayName("the only worker is busy: the next task waits queued, then expires once, with its event")
  void expires() throws Exception {
    String token = node.api().accessToken(node.api().newUser("late"));
    String agent = Api.json(node.api().post("/api/v1/agents", token, new JsonObject().put("name", "slow")
      .put("model", new JsonObject().put("provider", "scripted").put("name", "slow")))).getString("id");
    String busy = submit(token, agent);
    Await.eventually(() -> Api.json(node.api().get("/api/v1/tasks/" + busy, token)).getString("status"),
      "in_progress"::equals);
    String waiting = submit(token, agent);
    assertThat(Api.json(node.api().get("/api/v1/tasks/" + waiting, token)).getString("status")).isEqualTo("queued");
    JsonObject expired = Await.eventually(() -> Api.json(node.api().get("/api/v1/tasks/" + waiting, token)),
      task -> task.getString("status").equals("expired"));
    assertThat(expired.getString("started_at")).as("it never started").isNull();
    String events = node.api().get("/api/v1/tasks/" + waiting + "/events", token).bodyAsString();
    assertThat(events).contains("event: task.queued", "event: task.expired").doesNotContain("task.in_progress");
    Await.eventually(() -> Api.json(node.api().get("/api/v1/tasks/" + busy, token)).getString("status"),
      "completed"::equals);
  }

  private static String submit(String token, String agent) {
    String session = Api.json(node.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    return Api.json(node.api().post("/api/v1/sessions/" + session + "/tasks", token, new JsonObject().put("input",
      "go")))
      .getString("id");
  }
}
