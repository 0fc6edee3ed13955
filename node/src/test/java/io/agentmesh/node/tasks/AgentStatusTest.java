package io.agentmesh.node.tasks;

import io.agentmesh.contract.agents.AgentEvent;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** One node, one worker: an agent's status as its tasks run one after another. */
@DisplayName("Agent status follows its tasks")
class AgentStatusTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,memory,tasks")
    .configure(TasksApiTest::withScripts);

  @Test
  @DisplayName("tasks back to back: reported running once and idle once, after the last")
  void backToBack() throws Exception {
    String token = node.api().accessToken(node.api().newUser("busybee"));
    String agent = Api.json(node.api().post("/api/v1/agents", token, new JsonObject().put("name", "busy")
      .put("concurrency", "enqueue").put("model", new JsonObject().put("provider", "scripted")
        .put("name", "summarizer")))).getString("id");
    String session = Api.json(node.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    List<String> statuses = new CopyOnWriteArrayList<>();
    Await.result(node.vertx().eventBus().<AgentEvent>consumer(AgentsAddresses.eventsOf(agent),
      event -> statuses.add(event.body().status())).completion());

    String last = null;
    for (int i = 0; i < 3; i++) {
      last = Api.json(node.api().post("/api/v1/sessions/" + session + "/tasks", token,
        new JsonObject().put("input", "turn " + i))).getString("id");
    }
    String lastId = last;
    Await.eventually(() -> Api.json(node.api().get("/api/v1/tasks/" + lastId, token)).getString("status"),
      "completed"::equals);
    Await.eventually(() -> Api.json(node.api().get("/api/v1/agents/" + agent, token)).getString("status"),
      "idle"::equals);
    assertThat(statuses).as("the next task starts within the idle delay: no flapping in between")
      .containsExactly("running", "idle");
  }
}
