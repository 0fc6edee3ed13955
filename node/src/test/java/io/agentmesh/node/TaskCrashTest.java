package io.agentmesh.node;

import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.FreePorts;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the node running a task, mid-stream. Tasks run only on two worker nodes in processes of their own; the
 * test JVM's node holds the gateway and the other domains and streams the task's events. Each trial: submit, wait
 * for the first delta, SIGKILL the worker named in task.in_progress, let the other worker take the task over when
 * the lease lapses, start a replacement worker. Every task must end completed exactly once with the full output
 * written once, its stream must be numbered without gaps or repeats with a single terminal event, and the session
 * must hold no duplicate message. {@code -Dcrash.trials=N} (default 5); {@code scripts/crash-trials} runs 100.
 */
@DisplayName("Tasks survive kill -9 of their worker")
class TaskCrashTest {

  private static final Logger LOG = LoggerFactory.getLogger(TaskCrashTest.class);
  private static final int TRIALS = Integer.getInteger("crash.trials", 5);
  private static final String ANSWER = "one two three four five six seven eight nine ten eleven twelve ";

  @RegisterExtension
  static final TestNode gateway = TestNode.withRoles("gateway,auth,agents,memory,mcp")
    .configure(TaskCrashTest::countingScript);
  @RegisterExtension
  static final WorkerProcesses workers = new WorkerProcesses();
  private static HttpClient http;

  @BeforeAll
  static void startWorkers() throws Exception {
    http = gateway.api().vertx().createHttpClient();
    startWorker();
    startWorker();
  }

  @Test
  @DisplayName("every task ends completed once, with its whole output once, and a stream without gaps or repeats")
  void killMidStream() throws Exception {
    String token = gateway.api().accessToken(gateway.api().newUser("crash"));
    String agent = Api.json(gateway.api().post("/api/v1/agents", token, new JsonObject().put("name", "counter")
      .put("model", new JsonObject().put("provider", "scripted").put("name", "counting")))).getString("id");
    List<Long> recoveries = new ArrayList<>();
    for (int trial = 1; trial <= TRIALS; trial++) {
      String session = Api.json(gateway.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
        .getString("id");
      String id = Api.json(gateway.api().post("/api/v1/sessions/" + session + "/tasks", token,
        new JsonObject().put("input", "Count, trial " + trial))).getString("id");
      List<JsonObject> seen = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> ended = stream(id, token, seen);

      JsonObject started = Await.eventually(() -> seen.stream().filter(e -> e.getString("type")
        .equals("task.message.delta"))
        .findFirst().flatMap(delta -> seen.stream().filter(e -> e.getString("type").equals("task.in_progress"))
          .reduce((first, second) -> second)).orElse(null), found -> found != null);
      String worker = started.getJsonObject("data").getString("worker").split("/")[0];
      long killedAt = System.nanoTime();
      workers.remove(worker).sigkill();
      LOG.info("trial {}: killed worker {} running {}", trial, worker, id);
      startWorker();

      ended.get(60, TimeUnit.SECONDS);
      recoveries.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
      check(id, token, session, seen);
    }
    LOG.info("CRASH-TRIALS trials={} all_completed_once=true recovery_ms_max={} recovery_ms_median={}", TRIALS,
      recoveries.stream().mapToLong(Long::longValue).max().orElse(0),
      recoveries.stream().sorted().toList().get(recoveries.size() / 2));
  }

  private static void check(String id, String token, String session, List<JsonObject> seen) throws Exception {
    JsonObject task = Api.json(gateway.api().get("/api/v1/tasks/" + id, token));
    assertThat(task.getString("status")).isEqualTo("completed");
    assertThat(task.getString("output")).isEqualTo(ANSWER);
    assertThat(task.getInteger("attempt")).isGreaterThanOrEqualTo(2);
    assertThat(seen).extracting(e -> e.getLong("sequence_number"))
      .as("the stream: 1, 2, 3... each once").containsExactlyElementsOf(LongStream.rangeClosed(1, seen.size())
        .boxed().toList());
    assertThat(seen.stream().filter(e -> e.getString("type").startsWith("task.completed")
      || e.getString("type").equals("task.failed") || e.getString("type").equals("task.cancelled"))).hasSize(1);
    int last = seen.size() - 1;
    int restarted = lastIndexOf(seen, "task.attempt_restarted");
    assertThat(restarted).as("a new attempt was announced").isPositive();
    StringBuilder finalAttempt = new StringBuilder();
    for (int i = restarted; i < last; i++) {
      if (seen.get(i).getString("type").equals("task.message.delta")) {
        finalAttempt.append(seen.get(i).getJsonObject("data").getString("delta"));
      }
    }
    assertThat(finalAttempt.toString()).as("the deltas after the restart make the output").isEqualTo(ANSWER);
    JsonArray messages = Await.eventually(() -> Api.json(gateway.api().get("/api/v1/sessions/" + session
      + "/messages?limit=100",
      token)).getJsonArray("data"), data -> data.size() >= 2);
    assertThat(messages.stream().map(m -> ((JsonObject) m).getString("role")).toList())
      .as("no duplicate message").containsExactly("user", "assistant");
    assertThat(messages.getJsonObject(1).getString("content")).isEqualTo(ANSWER);
  }

  private static int lastIndexOf(List<JsonObject> events, String type) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).getString("type").equals(type)) {
        return i;
      }
    }
    return -1;
  }

  /** Reads the task's SSE stream as it comes; completes when the server ends it (after the terminal event). */
  private static CompletableFuture<Void> stream(String id, String token, List<JsonObject> seen) throws Exception {
    return SseStream.open(http, gateway.port(), "/api/v1/tasks/" + id + "/events", token, seen);
  }

  private static void startWorker() throws Exception {
    JsonObject config = TestNodes.config(gateway.clusterName(), FreePorts.next());
    countingScript(config);
    workers.start(config);
  }

  private static void countingScript(JsonObject config) {
    JsonArray deltas = new JsonArray();
    for (String word : ANSWER.trim().split(" ")) {
      deltas.add(word + " ");
    }
    config.getJsonObject("providers").getJsonObject("scripted").put("scripts", new JsonObject()
      .put("counting", new JsonArray().add(new JsonObject().put("delay_ms", 150).put("deltas", deltas))));
    config.getJsonObject("tasks").put("lease_ms", 3000).put("sweep_ms", 500).put("poll_ms", 200)
      .put("max_attempts", 5);
  }
}
