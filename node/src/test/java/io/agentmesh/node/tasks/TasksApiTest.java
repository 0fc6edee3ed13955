package io.agentmesh.node.tasks;

import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.node.TestNode;
import io.agentmesh.node.TestNodes;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks through the HTTP API of a two-node cluster (the task is submitted on one node, runs wherever a worker takes
 * it, and is streamed from the other), with the scripted provider: the agent loop calls a registry tool, the
 * events stream and resume, the messages reach the session, and the session policies, cancellation, max_steps and a
 * missing provider behave as documented.
 */
@DisplayName("Tasks over HTTP")
public class TasksApiTest {

  private static final String CLUSTER = TestClusters.newClusterName();

  @RegisterExtension
  static final TestNode a = TestNode.withRoles("gateway,auth,agents,memory,mcp,tasks").inCluster(CLUSTER)
    .configure(TasksApiTest::withScripts);
  @RegisterExtension
  static final TestNode b = TestNode.withRoles("gateway,tasks").inCluster(CLUSTER).configure(TasksApiTest::withScripts);
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    token = a.api().accessToken(a.api().newUser("tasker"));
    Await.eventually(() -> a.api().get("/api/v1/tools/whoami", token).statusCode(), status -> status == 200);
  }

  public static JsonObject withScripts(JsonObject config) {
    JsonObject scripts = new JsonObject()
      .put("echo-tool", new JsonArray()
        .add(new JsonObject().put("deltas", new JsonArray().add("Let me ").add("check."))
          .put("tool_calls", new JsonArray().add(new JsonObject().put("name", "whoami")
            .put("arguments", new JsonObject()))))
        .add(new JsonObject().put("deltas", new JsonArray().add("You are ").add("signed in."))))
      .put("slow", new JsonArray().add(new JsonObject().put("delay_ms", 150).put("deltas",
        new JsonArray(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p")))))
      .put("summarizer", new JsonArray().add(new JsonObject().put("deltas",
        new JsonArray().add("They talked ").add("about the weather."))))
      .put("loop", new JsonArray().add(new JsonObject().put("deltas", new JsonArray().add("again"))
        .put("tool_calls", new JsonArray().add(new JsonObject().put("name", "whoami")))));
    config.getJsonObject("providers").getJsonObject("scripted").put("scripts", scripts);
    config.getJsonObject("tasks").put("poll_ms", 200).put("sweep_ms", 500).put("context_tokens", 600);
    return config;
  }

  @Test
  @DisplayName("end to end: a task whose model calls a registry tool completes; its events stream and resume; "
    + "its messages reach the session; an Idempotency-Key returns the same task")
  void endToEnd() throws Exception {
    String session = session(agent("echo-tool", "enqueue"));
    HttpResponse<Buffer> submitted = a.api().call(HttpMethod.POST, "/api/v1/sessions/" + session + "/tasks", token,
      new JsonObject().put("input", "Who am I?"), Map.of("Idempotency-Key", "once-" + session));
    assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(202);
    JsonObject task = Api.json(submitted);
    assertThat(task.getString("status")).isEqualTo("queued");
    String id = task.getString("id");
    HttpResponse<Buffer> again = b.api().call(HttpMethod.POST, "/api/v1/sessions/" + session + "/tasks", token,
      new JsonObject().put("input", "Who am I?"), Map.of("Idempotency-Key", "once-" + session));
    assertThat(Api.json(again).getString("id")).as("same key, same task").isEqualTo(id);

    List<JsonObject> events = stream(b.api(), id, null);
    assertThat(events).extracting(e -> e.getLong("sequence_number"))
      .as("numbered 1, 2, 3... without gaps").containsExactlyElementsOf(range(1, events.size()));
    assertThat(events).extracting(e -> e.getString("type")).startsWith("task.queued", "task.in_progress")
      .contains("task.message.delta", "task.tool_call", "task.tool_result").endsWith("task.completed");
    JsonObject toolResult = events.stream().filter(e -> e.getString("type").equals("task.tool_result"))
      .findFirst().orElseThrow().getJsonObject("data");
    assertThat(toolResult.getBoolean("is_error")).as(toolResult.encode()).isFalse();

    JsonObject done = Api.json(a.api().get("/api/v1/tasks/" + id, token));
    assertThat(done.getString("status")).isEqualTo("completed");
    assertThat(done.getString("output")).isEqualTo("You are signed in.");
    assertThat(done.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("type")).toList())
      .containsExactly("model_call", "tool_call", "model_call");
    assertThat(done.getJsonObject("usage").getInteger("total_tokens")).isPositive();
    assertThat(done.containsKey("cost") && done.getValue("cost") != null).as("no price configured").isFalse();

    List<JsonObject> resumed = stream(a.api(), id, "3");
    assertThat(resumed).extracting(e -> e.getLong("sequence_number"))
      .containsExactlyElementsOf(range(4, events.size()));

    JsonArray messages = Await.eventually(() -> Api.json(a.api().get("/api/v1/sessions/" + session
      + "/messages?limit=100",
      token)).getJsonArray("data"), data -> data.size() >= 4);
    assertThat(messages.stream().map(m -> ((JsonObject) m).getString("role")).toList())
      .containsExactly("user", "assistant", "tool", "assistant");
    assertThat(messages.getJsonObject(0).getString("content")).isEqualTo("Who am I?");
    assertThat(messages.getJsonObject(3).getString("content")).isEqualTo("You are signed in.");

    JsonArray listed = Api.json(b.api().get("/api/v1/tasks?session_id=" + session, token)).getJsonArray("data");
    assertThat(listed.stream().map(t -> ((JsonObject) t).getString("id"))).containsExactly(id);
    String stranger = a.api().accessToken(a.api().newUser("stranger"));
    assertThat(a.api().get("/api/v1/tasks/" + id, stranger).statusCode()).isEqualTo(404);
    assertThat(a.api().get("/api/v1/tasks/" + id + "/events", stranger).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("cancelling a streaming task stops it: it ends cancelled and nothing follows")
  void cancelMidStream() throws Exception {
    String session = session(agent("slow", "enqueue"));
    Set<String> streaming = ConcurrentHashMap.newKeySet();
    MessageConsumer<TaskEvent> deltaWatch = a.vertx().eventBus().consumer(TasksAddresses.EVENTS, event -> {
      if (event.body().type().equals("task.message.delta")) {
        streaming.add(event.body().taskId());
      }
    });
    Await.result(deltaWatch.completion());
    String id = submit(session, "Say the alphabet slowly");
    Await.eventually(() -> streaming.contains(id), started -> started);
    Await.result(deltaWatch.unregister());
    HttpResponse<Buffer> cancel = b.api().post("/api/v1/tasks/" + id + "/cancel", token, new JsonObject());
    assertThat(cancel.statusCode()).isEqualTo(202);
    assertThat(Api.json(cancel).getString("status")).isIn("cancelling", "cancelled");
    Await.eventually(() -> Api.json(a.api().get("/api/v1/tasks/" + id, token)).getString("status"),
      "cancelled"::equals);
    List<JsonObject> events = stream(a.api(), id, null);
    assertThat(events.get(events.size() - 1).getString("type")).isEqualTo("task.cancelled");
    long deltas = events.stream().filter(e -> e.getString("type").equals("task.message.delta")).count();
    assertThat(deltas).as("stopped before the 16 deltas").isLessThan(16);
    assertThat(Api.json(a.api().get("/api/v1/tasks/" + id, token)).getString("output")).isNull();
  }

  @Test
  @DisplayName("max_steps reached ends incomplete; a model provider that is not configured fails at once")
  void incompleteAndMissingProvider() throws Exception {
    String looping = submitWith(session(agent("loop", "enqueue")), new JsonObject().put("input", "go")
      .put("max_steps", 2));
    JsonObject incomplete = Await.eventually(() -> Api.json(a.api().get("/api/v1/tasks/" + looping, token)),
      t -> t.getString("status").equals("incomplete"));
    assertThat(incomplete.getJsonObject("error").getString("code")).isEqualTo("max_steps");

    String agent = Api.json(a.api().post("/api/v1/agents", token, new JsonObject().put("name", "unconfigured")
      .put("model", new JsonObject().put("provider", "openai").put("name", "gpt-4o")))).getString("id");
    String id = submit(session(agent), "hello");
    JsonObject failed = Await.eventually(() -> Api.json(a.api().get("/api/v1/tasks/" + id, token)),
      t -> t.getString("status").equals("failed"));
    assertThat(failed.getJsonObject("error").getString("code")).isEqualTo("invalid_request");
    assertThat(failed.getJsonObject("error").getString("message")).contains("No model provider named 'openai'");
  }

  @Test
  @DisplayName("session policy: reject answers 409 naming the active task; enqueue runs the next after it")
  void sessionPolicies() throws Exception {
    String rejecting = session(agent("slow", "reject"));
    String first = submit(rejecting, "one");
    HttpResponse<Buffer> second = a.api().post("/api/v1/sessions/" + rejecting + "/tasks", token,
      new JsonObject().put("input", "two"));
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.bodyAsString()).contains(first);
    a.api().post("/api/v1/tasks/" + first + "/cancel", token, new JsonObject());

    String queueing = session(agent("echo-tool", "enqueue"));
    String one = submit(queueing, "one");
    String two = submit(queueing, "two");
    JsonObject later = Await.eventually(() -> Api.json(a.api().get("/api/v1/tasks/" + two, token)),
      t -> t.getString("status").equals("completed"));
    JsonObject earlier = Api.json(a.api().get("/api/v1/tasks/" + one, token));
    assertThat(earlier.getString("status")).isEqualTo("completed");
    assertThat(Instant.parse(later.getString("started_at")))
      .as("the second began after the first ended")
      .isAfterOrEqualTo(Instant.parse(earlier.getString("completed_at")));
  }

  @Test
  @DisplayName("the agent is running while its task runs and idle after; deleting it with force cancels the task")
  void agentStatusAndForcedDelete() throws Exception {
    String agent = agent("slow", "enqueue");
    String first = submit(session(agent), "one");
    Await.eventually(() -> Api.json(a.api().get("/api/v1/agents/" + agent, token)).getString("status"),
      "running"::equals);
    Await.eventually(() -> Api.json(a.api().get("/api/v1/tasks/" + first, token)).getString("status"),
      "completed"::equals);
    Await.eventually(() -> Api.json(a.api().get("/api/v1/agents/" + agent, token)).getString("status"), "idle"::equals);

    String second = submit(session(agent), "two");
    Await.eventually(() -> Api.json(a.api().get("/api/v1/tasks/" + second, token)).getString("status"),
      "in_progress"::equals);
    assertThat(a.api().delete("/api/v1/agents/" + agent + "?force=true", token).statusCode()).isEqualTo(204);
    Await.eventually(() -> Api.json(a.api().get("/api/v1/tasks/" + second, token)).getString("status"),
      "cancelled"::equals);
  }

  @Test
  @DisplayName("the registry's tasks tools submit and read tasks as the caller; a deleted user's tasks are gone")
  void toolsAndUserDeletion() throws Exception {
    String owner = a.api().accessToken(a.api().newUser("toolowner"));
    String agent = Api.json(a.api().post("/api/v1/agents", owner, new JsonObject().put("name", "viatool")
      .put("model", new JsonObject().put("provider", "scripted").put("name", "echo-tool"))
      .put("tools", new JsonArray().add("whoami")))).getString("id");
    String session = Api.json(a.api().post("/api/v1/agents/" + agent + "/sessions", owner, new JsonObject()))
      .getString("id");
    Await.eventually(() -> a.api().get("/api/v1/tools/tasks_submit", owner).statusCode(), status -> status == 200);
    JsonObject submitted = Api.json(b.api().post("/api/v1/tools/tasks_submit/invoke", owner, new JsonObject()
      .put("arguments", new JsonObject().put("session_id", session).put("input", "via a tool"))));
    assertThat(submitted.getBoolean("is_error")).as(submitted.encode()).isFalse();
    String id = submitted.getJsonObject("structured_content").getString("id");
    JsonObject read = Await.eventually(() -> Api.json(b.api().post("/api/v1/tools/tasks_get/invoke", owner,
      new JsonObject()
      .put("arguments", new JsonObject().put("id", id)))).getJsonObject("structured_content"),
      task -> task != null && "completed".equals(task.getString("status")));
    assertThat(read.getString("output")).isEqualTo("You are signed in.");
    JsonObject stranger = Api.json(a.api().post("/api/v1/tools/tasks_get/invoke", token, new JsonObject()
      .put("arguments", new JsonObject().put("id", id))));
    assertThat(stranger.getBoolean("is_error")).as("another user's task does not exist for them").isTrue();

    assertThat(a.api().delete("/api/v1/auth/me", owner).statusCode()).isEqualTo(204);
    String root = a.api().accessToken(TestNodes.ADMIN, TestNodes.ADMIN_PASSWORD);
    Await.eventually(() -> a.api().get("/api/v1/tasks/" + id, root).statusCode(), status -> status == 404);
  }

  @Test
  @DisplayName("WebSocket: subscribe to a task on another node from any sequence number; stream tickets work once")
  void webSocketAndTickets() throws Exception {
    String id = submit(session(agent("echo-tool", "enqueue")), "Who am I?");
    Await.eventually(() -> Api.json(a.api().get("/api/v1/tasks/" + id, token)).getString("status"),
      "completed"::equals);
    int total = stream(a.api(), id, null).size();

    String ticket = Api.json(a.api().post("/api/v1/stream-tickets", token, new JsonObject())).getString("ticket");
    assertThat(ticket).startsWith("stk_");
    HttpResponse<Buffer> withTicket = b.api().call(HttpMethod.GET, "/api/v1/tasks/" + id + "/events?ticket=" + ticket,
      null, null);
    assertThat(withTicket.statusCode()).isEqualTo(200);
    assertThat(withTicket.bodyAsString()).contains("event: task.completed");
    assertThat(b.api().call(HttpMethod.GET, "/api/v1/tasks/" + id + "/events?ticket=" + ticket, null, null)
      .statusCode()).as("single use").isEqualTo(401);
    assertThat(b.api().call(HttpMethod.GET, "/api/v1/tasks?ticket=" + ticket, null, null).statusCode())
      .as("tickets open stream endpoints only").isEqualTo(401);

    String second = Api.json(a.api().post("/api/v1/stream-tickets", token, new JsonObject())).getString("ticket");
    Vertx vertx = Vertx.vertx();
    try {
      BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
      WebSocket socket = Await.result(vertx.createWebSocketClient().connect(
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(b.port())
          .setURI("/api/v1/stream?ticket=" + second)));
      socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
      socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("task_id", id).put("after", 2).encode());
      List<JsonObject> received = new ArrayList<>();
      while (true) {
        JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 10 s; so far " + received).isNotNull();
        received.add(frame);
        if ("ended".equals(frame.getString("type"))) {
          break;
        }
      }
      assertThat(received.get(0).getString("type")).isEqualTo("subscribed");
      assertThat(received.subList(1, received.size() - 1)).extracting(e -> e.getLong("sequence_number"))
        .containsExactlyElementsOf(range(3, total));
      socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("task_id", "tsk_nobody").encode());
      assertThat(frames.poll(10, TimeUnit.SECONDS).getString("type")).isEqualTo("error");
      socket.writeTextMessage("not json");
      assertThat(frames.poll(10, TimeUnit.SECONDS).getString("type")).isEqualTo("error");
      Await.result(socket.close());
    } finally {
      vertx.close();
    }
  }

  @Test
  @DisplayName("compaction summarizes older messages with the agent's model; a full context starts one by itself")
  void compaction() throws Exception {
    String agent = agent("summarizer", "enqueue");
    String manual = session(agent);
    for (int i = 0; i < 14; i++) {
      a.api().post("/api/v1/sessions/" + manual + "/messages", token, new JsonObject().put("role", i % 2 == 0 ? "user"
        : "assistant").put("content", "Message " + i + " about the weather in Paris, which is rainy."));
    }
    JsonObject compaction = Api.json(b.api().post("/api/v1/sessions/" + manual + "/compact", token, null));
    assertThat(compaction.getInteger("compacted_messages")).isEqualTo(4);
    JsonObject summary = compaction.getJsonObject("summary");
    assertThat(summary.getString("content")).contains("They talked about the weather.");
    assertThat(summary.getBoolean("pinned")).isTrue();
    assertThat(Api.json(a.api().get("/api/v1/sessions/" + manual + "/messages?limit=100", token)).getJsonArray("data"))
      .as("the transcript keeps every message").hasSize(15);
    assertThat(Api.json(b.api().post("/api/v1/sessions/" + manual + "/compact", token, null))
      .getInteger("compacted_messages")).as("nothing old is left").isZero();

    String automatic = session(agent);
    for (int i = 0; i < 40; i++) {
      a.api().post("/api/v1/sessions/" + automatic + "/messages", token, new JsonObject().put("role", i % 2 == 0
        ? "user" : "assistant").put("content", "Long message " + i + ": the weather in Paris is rainy and cold, "
          + "the forecast says more rain tomorrow, and the user keeps asking about umbrellas and coats."));
    }
    submit(automatic, "Anything else?");
    JsonArray messages = Await.eventually(() -> Api.json(a.api().get("/api/v1/sessions/" + automatic
      + "/messages?limit=100",
      token)).getJsonArray("data"), data -> data.stream().anyMatch(m -> ((JsonObject) m).getBoolean("pinned")));
    assertThat(messages.stream().filter(m -> ((JsonObject) m).getBoolean("pinned")).findFirst().orElseThrow()
      .toString()).contains("Summary of the earlier conversation");
  }

  @Test
  @DisplayName("a session takes tasks from its owner only, on either node, and none once deleted")
  void sessionOwnership() throws Exception {
    String session = session(agent("summarizer", "enqueue"));
    JsonObject input = new JsonObject().put("input", "Hello?");
    assertThat(a.api().post("/api/v1/sessions/" + session + "/tasks", token, input).statusCode()).isEqualTo(202);
    assertThat(b.api().post("/api/v1/sessions/" + session + "/tasks", token, input).statusCode()).isEqualTo(202);
    String stranger = a.api().accessToken(a.api().newUser("intruder"));
    for (Api node : List.of(a.api(), b.api())) {
      assertThat(node.post("/api/v1/sessions/" + session + "/tasks", stranger, input).statusCode())
        .as("known to this node's tasks domain, still not the stranger's").isEqualTo(404);
    }
    assertThat(a.api().delete("/api/v1/sessions/" + session, token).statusCode()).isEqualTo(204);
    for (Api node : List.of(a.api(), b.api())) {
      Await.eventually(() -> node.post("/api/v1/sessions/" + session + "/tasks", token, input).statusCode(),
        status -> status == 404);
    }
  }

  @Test
  @DisplayName("bad input: 422 naming the field, nothing queued")
  void badInput() {
    String session = session(agent("echo-tool", "enqueue"));
    HttpResponse<Buffer> empty = a.api().post("/api/v1/sessions/" + session + "/tasks", token,
      new JsonObject().put("input", "").put("max_steps", 0));
    assertThat(empty.statusCode()).isEqualTo(422);
    assertThat(empty.bodyAsString()).contains("input", "max_steps");
    assertThat(Api.json(a.api().get("/api/v1/tasks?session_id=" + session, token)).getJsonArray("data")).isEmpty();
    assertThat(a.api().post("/api/v1/sessions/ses_nope/tasks", token, new JsonObject().put("input", "x")).statusCode())
      .isEqualTo(404);
  }

  private static String agent(String script, String concurrency) {
    HttpResponse<Buffer> created = a.api().post("/api/v1/agents", token, new JsonObject().put("name", script)
      .put("instructions", "Be brief.").put("concurrency", concurrency)
      .put("model", new JsonObject().put("provider", "scripted").put("name", script))
      .put("tools", new JsonArray().add("whoami")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return Api.json(created).getString("id");
  }

  private static String session(String agent) {
    return Api.json(a.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject())).getString("id");
  }

  private static String submit(String session, String input) {
    return submitWith(session, new JsonObject().put("input", input));
  }

  private static String submitWith(String session, JsonObject body) {
    HttpResponse<Buffer> submitted = a.api().post("/api/v1/sessions/" + session + "/tasks", token, body);
    assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(202);
    return Api.json(submitted).getString("id");
  }

  /** The whole event stream (it ends after the terminal event), parsed. */
  private static List<JsonObject> stream(Api api, String id, String lastEventId) {
    return api.eventStream("/api/v1/tasks/" + id + "/events", token, lastEventId);
  }

  private static List<Long> range(long from, long to) {
    List<Long> values = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      values.add(i);
    }
    return values;
  }
}
