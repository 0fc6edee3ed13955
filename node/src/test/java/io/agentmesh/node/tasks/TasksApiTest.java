package io.agentmesh.node.tasks;

import io.agentmesh.node.Node;
import io.agentmesh.node.TestNodes;
import io.agentmesh.node.auth.Api;
import io.agentmesh.streams.SseReader;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.agentmesh.node.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks through the HTTP API of a two-node cluster (the task is submitted on one node, runs wherever a worker takes
 * it, and is streamed from the other), with the scripted provider: the agent loop calls a registry tool, the
 * events stream and resume, the messages reach the session, and the session policies, cancellation, max_steps and a
 * missing provider behave as documented.
 */
@DisplayName("Tasks over HTTP")
public class TasksApiTest {

  private static Node a;
  private static Node b;
  private static Api onA;
  private static Api onB;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    String cluster = TestClusters.newClusterName();
    a = TestNodes.start(withScripts(TestNodes.config(cluster, FreePorts.next())), "gateway,auth,agents,memory,mcp,tasks");
    b = TestNodes.start(withScripts(TestNodes.config(cluster, FreePorts.next())), "gateway,tasks");
    onA = new Api(a.config().httpPort());
    onB = new Api(b.config().httpPort());
    token = onA.accessToken(onA.newUser("tasker"));
    await(() -> onA.get("/api/v1/tools/whoami", token).statusCode(), status -> status == 200);
  }

  @AfterAll
  static void stop() {
    onB.close();
    onA.close();
    b.stop();
    a.stop();
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
    HttpResponse<Buffer> submitted = onA.call(HttpMethod.POST, "/api/v1/sessions/" + session + "/tasks", token,
      new JsonObject().put("input", "Who am I?"), Map.of("Idempotency-Key", "once-" + session));
    assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(202);
    JsonObject task = Api.json(submitted);
    assertThat(task.getString("status")).isEqualTo("queued");
    String id = task.getString("id");
    HttpResponse<Buffer> again = onB.call(HttpMethod.POST, "/api/v1/sessions/" + session + "/tasks", token,
      new JsonObject().put("input", "Who am I?"), Map.of("Idempotency-Key", "once-" + session));
    assertThat(Api.json(again).getString("id")).as("same key, same task").isEqualTo(id);

    List<JsonObject> events = stream(onB, id, null);
    assertThat(events).extracting(e -> e.getLong("sequence_number"))
      .as("numbered 1, 2, 3... without gaps").containsExactlyElementsOf(range(1, events.size()));
    assertThat(events).extracting(e -> e.getString("type")).startsWith("task.queued", "task.in_progress")
      .contains("task.message.delta", "task.tool_call", "task.tool_result").endsWith("task.completed");
    JsonObject toolResult = events.stream().filter(e -> e.getString("type").equals("task.tool_result"))
      .findFirst().orElseThrow().getJsonObject("data");
    assertThat(toolResult.getBoolean("is_error")).as(toolResult.encode()).isFalse();

    JsonObject done = Api.json(onA.get("/api/v1/tasks/" + id, token));
    assertThat(done.getString("status")).isEqualTo("completed");
    assertThat(done.getString("output")).isEqualTo("You are signed in.");
    assertThat(done.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("type")).toList())
      .containsExactly("model_call", "tool_call", "model_call");
    assertThat(done.getJsonObject("usage").getInteger("total_tokens")).isPositive();
    assertThat(done.containsKey("cost") && done.getValue("cost") != null).as("no price configured").isFalse();

    List<JsonObject> resumed = stream(onA, id, "3");
    assertThat(resumed).extracting(e -> e.getLong("sequence_number"))
      .containsExactlyElementsOf(range(4, events.size()));

    JsonArray messages = await(() -> Api.json(onA.get("/api/v1/sessions/" + session + "/messages?limit=100",
      token)).getJsonArray("data"), data -> data.size() >= 4);
    assertThat(messages.stream().map(m -> ((JsonObject) m).getString("role")).toList())
      .containsExactly("user", "assistant", "tool", "assistant");
    assertThat(messages.getJsonObject(0).getString("content")).isEqualTo("Who am I?");
    assertThat(messages.getJsonObject(3).getString("content")).isEqualTo("You are signed in.");

    JsonArray listed = Api.json(onB.get("/api/v1/tasks?session_id=" + session, token)).getJsonArray("data");
    assertThat(listed.stream().map(t -> ((JsonObject) t).getString("id"))).containsExactly(id);
    String stranger = onA.accessToken(onA.newUser("stranger"));
    assertThat(onA.get("/api/v1/tasks/" + id, stranger).statusCode()).isEqualTo(404);
    assertThat(onA.get("/api/v1/tasks/" + id + "/events", stranger).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("cancelling a streaming task stops it: it ends cancelled and nothing follows")
  void cancelMidStream() throws Exception {
    String session = session(agent("slow", "enqueue"));
    String id = submit(session, "Say the alphabet slowly");
    await(() -> Api.json(onA.get("/api/v1/tasks/" + id, token)).getString("status"), "in_progress"::equals);
    TimeUnit.MILLISECONDS.sleep(400);
    HttpResponse<Buffer> cancel = onB.post("/api/v1/tasks/" + id + "/cancel", token, new JsonObject());
    assertThat(cancel.statusCode()).isEqualTo(202);
    assertThat(Api.json(cancel).getString("status")).isIn("cancelling", "cancelled");
    await(() -> Api.json(onA.get("/api/v1/tasks/" + id, token)).getString("status"), "cancelled"::equals);
    List<JsonObject> events = stream(onA, id, null);
    assertThat(events.get(events.size() - 1).getString("type")).isEqualTo("task.cancelled");
    long deltas = events.stream().filter(e -> e.getString("type").equals("task.message.delta")).count();
    assertThat(deltas).as("stopped before the 16 deltas").isLessThan(16);
    assertThat(Api.json(onA.get("/api/v1/tasks/" + id, token)).getString("output")).isNull();
  }

  @Test
  @DisplayName("max_steps reached ends incomplete; a model provider that is not configured fails at once")
  void incompleteAndMissingProvider() throws Exception {
    String looping = submitWith(session(agent("loop", "enqueue")), new JsonObject().put("input", "go")
      .put("max_steps", 2));
    JsonObject incomplete = await(() -> Api.json(onA.get("/api/v1/tasks/" + looping, token)),
      t -> t.getString("status").equals("incomplete"));
    assertThat(incomplete.getJsonObject("error").getString("code")).isEqualTo("max_steps");

    String agent = Api.json(onA.post("/api/v1/agents", token, new JsonObject().put("name", "unconfigured")
      .put("model", new JsonObject().put("provider", "openai").put("name", "gpt-4o")))).getString("id");
    String id = submit(session(agent), "hello");
    JsonObject failed = await(() -> Api.json(onA.get("/api/v1/tasks/" + id, token)),
      t -> t.getString("status").equals("failed"));
    assertThat(failed.getJsonObject("error").getString("code")).isEqualTo("invalid_request");
    assertThat(failed.getJsonObject("error").getString("message")).contains("No model provider named 'openai'");
  }

  @Test
  @DisplayName("session policy: reject answers 409 naming the active task; enqueue runs the next after it")
  void sessionPolicies() throws Exception {
    String rejecting = session(agent("slow", "reject"));
    String first = submit(rejecting, "one");
    HttpResponse<Buffer> second = onA.post("/api/v1/sessions/" + rejecting + "/tasks", token,
      new JsonObject().put("input", "two"));
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.bodyAsString()).contains(first);
    onA.post("/api/v1/tasks/" + first + "/cancel", token, new JsonObject());

    String queueing = session(agent("echo-tool", "enqueue"));
    String one = submit(queueing, "one");
    String two = submit(queueing, "two");
    JsonObject later = await(() -> Api.json(onA.get("/api/v1/tasks/" + two, token)),
      t -> t.getString("status").equals("completed"));
    JsonObject earlier = Api.json(onA.get("/api/v1/tasks/" + one, token));
    assertThat(earlier.getString("status")).isEqualTo("completed");
    assertThat(java.time.Instant.parse(later.getString("started_at")))
      .as("the second began after the first ended")
      .isAfterOrEqualTo(java.time.Instant.parse(earlier.getString("completed_at")));
  }

  @Test
  @DisplayName("the agent is running while its task runs and idle after; deleting it with force cancels the task")
  void agentStatusAndForcedDelete() throws Exception {
    String agent = agent("slow", "enqueue");
    String first = submit(session(agent), "one");
    await(() -> Api.json(onA.get("/api/v1/agents/" + agent, token)).getString("status"), "running"::equals);
    await(() -> Api.json(onA.get("/api/v1/tasks/" + first, token)).getString("status"), "completed"::equals);
    await(() -> Api.json(onA.get("/api/v1/agents/" + agent, token)).getString("status"), "idle"::equals);

    String second = submit(session(agent), "two");
    await(() -> Api.json(onA.get("/api/v1/tasks/" + second, token)).getString("status"), "in_progress"::equals);
    assertThat(onA.delete("/api/v1/agents/" + agent + "?force=true", token).statusCode()).isEqualTo(204);
    await(() -> Api.json(onA.get("/api/v1/tasks/" + second, token)).getString("status"), "cancelled"::equals);
  }

  @Test
  @DisplayName("the registry's tasks tools submit and read tasks as the caller; a deleted user's tasks are gone")
  void toolsAndUserDeletion() throws Exception {
    String owner = onA.accessToken(onA.newUser("toolowner"));
    String agent = Api.json(onA.post("/api/v1/agents", owner, new JsonObject().put("name", "viatool")
      .put("model", new JsonObject().put("provider", "scripted").put("name", "echo-tool"))
      .put("tools", new JsonArray().add("whoami")))).getString("id");
    String session = Api.json(onA.post("/api/v1/agents/" + agent + "/sessions", owner, new JsonObject()))
      .getString("id");
    await(() -> onA.get("/api/v1/tools/tasks_submit", owner).statusCode(), status -> status == 200);
    JsonObject submitted = Api.json(onB.post("/api/v1/tools/tasks_submit/invoke", owner, new JsonObject()
      .put("arguments", new JsonObject().put("session_id", session).put("input", "via a tool"))));
    assertThat(submitted.getBoolean("is_error")).as(submitted.encode()).isFalse();
    String id = submitted.getJsonObject("structured_content").getString("id");
    JsonObject read = await(() -> Api.json(onB.post("/api/v1/tools/tasks_get/invoke", owner, new JsonObject()
      .put("arguments", new JsonObject().put("id", id)))).getJsonObject("structured_content"),
      task -> task != null && "completed".equals(task.getString("status")));
    assertThat(read.getString("output")).isEqualTo("You are signed in.");
    JsonObject stranger = Api.json(onA.post("/api/v1/tools/tasks_get/invoke", token, new JsonObject()
      .put("arguments", new JsonObject().put("id", id))));
    assertThat(stranger.getBoolean("is_error")).as("another user's task does not exist for them").isTrue();

    assertThat(onA.delete("/api/v1/auth/me", owner).statusCode()).isEqualTo(204);
    String root = onA.accessToken(TestNodes.ADMIN, TestNodes.ADMIN_PASSWORD);
    await(() -> onA.get("/api/v1/tasks/" + id, root).statusCode(), status -> status == 404);
  }

  @Test
  @DisplayName("WebSocket: subscribe to a task on another node from any sequence number; stream tickets work once")
  void webSocketAndTickets() throws Exception {
    String id = submit(session(agent("echo-tool", "enqueue")), "Who am I?");
    await(() -> Api.json(onA.get("/api/v1/tasks/" + id, token)).getString("status"), "completed"::equals);
    int total = stream(onA, id, null).size();

    String ticket = Api.json(onA.post("/api/v1/stream-tickets", token, new JsonObject())).getString("ticket");
    assertThat(ticket).startsWith("stk_");
    HttpResponse<Buffer> withTicket = onB.call(HttpMethod.GET, "/api/v1/tasks/" + id + "/events?ticket=" + ticket,
      null, null);
    assertThat(withTicket.statusCode()).isEqualTo(200);
    assertThat(withTicket.bodyAsString()).contains("event: task.completed");
    assertThat(onB.call(HttpMethod.GET, "/api/v1/tasks/" + id + "/events?ticket=" + ticket, null, null)
      .statusCode()).as("single use").isEqualTo(401);
    assertThat(onB.call(HttpMethod.GET, "/api/v1/tasks?ticket=" + ticket, null, null).statusCode())
      .as("tickets open stream endpoints only").isEqualTo(401);

    String second = Api.json(onA.post("/api/v1/stream-tickets", token, new JsonObject())).getString("ticket");
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      java.util.concurrent.BlockingQueue<JsonObject> frames = new java.util.concurrent.LinkedBlockingQueue<>();
      io.vertx.core.http.WebSocket socket = TestNodes.await(vertx.createWebSocketClient().connect(
        new io.vertx.core.http.WebSocketConnectOptions().setHost("127.0.0.1").setPort(b.config().httpPort())
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
      TestNodes.await(socket.close());
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
      onA.post("/api/v1/sessions/" + manual + "/messages", token, new JsonObject().put("role", i % 2 == 0 ? "user"
        : "assistant").put("content", "Message " + i + " about the weather in Paris, which is rainy."));
    }
    JsonObject compaction = Api.json(onB.post("/api/v1/sessions/" + manual + "/compact", token, null));
    assertThat(compaction.getInteger("compacted_messages")).isEqualTo(4);
    JsonObject summary = compaction.getJsonObject("summary");
    assertThat(summary.getString("content")).contains("They talked about the weather.");
    assertThat(summary.getBoolean("pinned")).isTrue();
    assertThat(Api.json(onA.get("/api/v1/sessions/" + manual + "/messages?limit=100", token)).getJsonArray("data"))
      .as("the transcript keeps every message").hasSize(15);
    assertThat(Api.json(onB.post("/api/v1/sessions/" + manual + "/compact", token, null))
      .getInteger("compacted_messages")).as("nothing old is left").isZero();

    String automatic = session(agent);
    for (int i = 0; i < 40; i++) {
      onA.post("/api/v1/sessions/" + automatic + "/messages", token, new JsonObject().put("role", i % 2 == 0
        ? "user" : "assistant").put("content", "Long message " + i + ": the weather in Paris is rainy and cold, "
          + "the forecast says more rain tomorrow, and the user keeps asking about umbrellas and coats."));
    }
    submit(automatic, "Anything else?");
    JsonArray messages = await(() -> Api.json(onA.get("/api/v1/sessions/" + automatic + "/messages?limit=100",
      token)).getJsonArray("data"), data -> data.stream().anyMatch(m -> ((JsonObject) m).getBoolean("pinned")));
    assertThat(messages.stream().filter(m -> ((JsonObject) m).getBoolean("pinned")).findFirst().orElseThrow()
      .toString()).contains("Summary of the earlier conversation");
  }

  @Test
  @DisplayName("a session takes tasks from its owner only, on either node, and none once deleted")
  void sessionOwnership() throws Exception {
    String session = session(agent("summarizer", "enqueue"));
    JsonObject input = new JsonObject().put("input", "Hello?");
    assertThat(onA.post("/api/v1/sessions/" + session + "/tasks", token, input).statusCode()).isEqualTo(202);
    assertThat(onB.post("/api/v1/sessions/" + session + "/tasks", token, input).statusCode()).isEqualTo(202);
    String stranger = onA.accessToken(onA.newUser("intruder"));
    for (Api node : List.of(onA, onB)) {
      assertThat(node.post("/api/v1/sessions/" + session + "/tasks", stranger, input).statusCode())
        .as("known to this node's tasks domain, still not the stranger's").isEqualTo(404);
    }
    assertThat(onA.delete("/api/v1/sessions/" + session, token).statusCode()).isEqualTo(204);
    for (Api node : List.of(onA, onB)) {
      await(() -> node.post("/api/v1/sessions/" + session + "/tasks", token, input).statusCode(),
        status -> status == 404);
    }
  }

  @Test
  @DisplayName("bad input: 422 naming the field, nothing queued")
  void badInput() {
    String session = session(agent("echo-tool", "enqueue"));
    HttpResponse<Buffer> empty = onA.post("/api/v1/sessions/" + session + "/tasks", token,
      new JsonObject().put("input", "").put("max_steps", 0));
    assertThat(empty.statusCode()).isEqualTo(422);
    assertThat(empty.bodyAsString()).contains("input", "max_steps");
    assertThat(Api.json(onA.get("/api/v1/tasks?session_id=" + session, token)).getJsonArray("data")).isEmpty();
    assertThat(onA.post("/api/v1/sessions/ses_nope/tasks", token, new JsonObject().put("input", "x")).statusCode())
      .isEqualTo(404);
  }

  private static String agent(String script, String concurrency) {
    HttpResponse<Buffer> created = onA.post("/api/v1/agents", token, new JsonObject().put("name", script)
      .put("instructions", "Be brief.").put("concurrency", concurrency)
      .put("model", new JsonObject().put("provider", "scripted").put("name", script))
      .put("tools", new JsonArray().add("whoami")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return Api.json(created).getString("id");
  }

  private static String session(String agent) {
    return Api.json(onA.post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject())).getString("id");
  }

  private static String submit(String session, String input) {
    return submitWith(session, new JsonObject().put("input", input));
  }

  private static String submitWith(String session, JsonObject body) {
    HttpResponse<Buffer> submitted = onA.post("/api/v1/sessions/" + session + "/tasks", token, body);
    assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(202);
    return Api.json(submitted).getString("id");
  }

  /** The whole event stream (it ends after the terminal event), parsed. */
  private static List<JsonObject> stream(Api api, String id, String lastEventId) {
    HttpResponse<Buffer> response = api.call(HttpMethod.GET, "/api/v1/tasks/" + id + "/events", token, null,
      lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("text/event-stream");
    List<JsonObject> events = new ArrayList<>();
    SseReader reader = new SseReader(data -> events.add(new JsonObject(data)));
    reader.feed(response.body());
    reader.end();
    return events;
  }

  private static List<Long> range(long from, long to) {
    List<Long> values = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      values.add(i);
    }
    return values;
  }
}
