package io.agentmesh.node.tasks;

import io.agentmesh.contract.discovery.DiscoveryRecords;
import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task on the openai provider against a local Chat Completions server that answers the first call with 429 and
 * {@code Retry-After: 1}, then streams an answer: the task is retried after at least that second (a new attempt,
 * announced by task.attempt_restarted) and completes, with usage and a cost from the price table.
 */
@DisplayName("Task retry on 429 with Retry-After")
class TaskRetryTest {

  private static Vertx vertx;
  private static HttpServer provider;
  private static final AtomicInteger calls = new AtomicInteger();
  private static final List<Instant> callTimes = new CopyOnWriteArrayList<>();
  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,memory,mcp,tasks")
    .configure(TaskRetryTest::withProvider);

  /** Starts the provider the node is configured to call. */
  private static void withProvider(JsonObject config) {
    try {
      startProvider();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    config.getJsonObject("providers").getJsonObject("openai")
      .put("base_url", "http://127.0.0.1:" + provider.actualPort() + "/v1").put("api_key", "sk-test");
    config.getJsonObject("tasks").put("retry_base_ms", 50).put("poll_ms", 100)
      .put("prices", new JsonObject().put("gpt-test", new JsonObject().put("input_per_mtok", 2.0)
        .put("output_per_mtok", 8.0)));
  }

  private static void startProvider() throws Exception {
    vertx = Vertx.vertx();
    provider = Await.result(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      callTimes.add(Instant.now());
      if (calls.incrementAndGet() == 1) {
        request.response().setStatusCode(429).putHeader("Retry-After", "1").putHeader("Content-Type",
          "application/json").end("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}");
        return;
      }
      request.response().putHeader("Content-Type", "text/event-stream").end(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Fine, \"}}]}\n\n"
          + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"thanks.\"},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":500}}\n\n"
          + "data: [DONE]\n\n");
    })).listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stopProvider() throws Exception {
    Await.result(provider.close());
    Await.result(vertx.close());
  }

  @Test
  @DisplayName("retried no sooner than Retry-After, then completed with usage and cost; the endpoint is discoverable")
  void retriesAfterRetryAfter() throws Exception {
    String token = node.api().accessToken(node.api().newUser("retrier"));
    String agent = Api.json(node.api().post("/api/v1/agents", token, new JsonObject().put("name", "retrying")
      .put("model", new JsonObject().put("provider", "openai").put("name", "gpt-test")))).getString("id");
    String session = Api.json(node.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    String id = Api.json(node.api().post("/api/v1/sessions/" + session + "/tasks", token,
      new JsonObject().put("input", "How are you?"))).getString("id");

    JsonObject done = Await.eventually(() -> Api.json(node.api().get("/api/v1/tasks/" + id, token)),
      task -> task.getString("status").equals("completed"));
    assertThat(done.getString("output")).isEqualTo("Fine, thanks.");
    assertThat(done.getInteger("attempt")).isEqualTo(2);
    assertThat(calls.get()).isEqualTo(2);
    assertThat(Duration.between(callTimes.get(0), callTimes.get(1)).toMillis())
      .as("Retry-After honoured").isGreaterThanOrEqualTo(1000);
    assertThat(done.getJsonObject("usage").getInteger("input_tokens")).isEqualTo(1000);
    assertThat(done.getDouble("cost")).isEqualTo((1000 * 2.0 + 500 * 8.0) / 1_000_000);

    String events = node.api().get("/api/v1/tasks/" + id + "/events", token).bodyAsString();
    assertThat(events).contains("event: task.attempt_restarted", "event: task.completed");

    ServiceDiscovery discovery = ServiceDiscovery.create(node.vertx());
    List<Record> records = Await.result(discovery.getRecords(record ->
      DiscoveryRecords.PROVIDER_TYPE.equals(record.getType())));
    assertThat(records).extracting(record -> record.getMetadata().getString(DiscoveryRecords.PROVIDER))
      .containsExactly("openai");
    assertThat(records.get(0).toJson().encode()).doesNotContain("sk-test");
    discovery.close();
  }
}
