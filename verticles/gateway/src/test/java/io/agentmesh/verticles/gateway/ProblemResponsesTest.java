package io.agentmesh.verticles.gateway;

import io.agentmesh.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Gateway errors")
class ProblemResponsesTest {

  private static GatewayFixture gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = new GatewayFixture(1000);
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
  }

  @Test
  @DisplayName("an unknown path is a 404 problem body with the request id")
  void unknownPath() throws Exception {
    HttpResponse<Buffer> response = Await.result(gateway.client.get("/api/v1/nothing-here").send());
    assertProblem(response, 404, "/problems/not-found");
    assertThat(response.bodyAsJsonObject().getString("request_id")).isEqualTo(response.getHeader("X-Request-Id"));
  }

  @Test
  @DisplayName("a known path with the wrong method is a 405 problem body")
  void wrongMethod() throws Exception {
    assertProblem(Await.result(gateway.client.delete("/health/live").send()), 405, "/problems/method-not-allowed");
  }

  @Test
  @DisplayName("a body over the limit is a 413 problem body")
  void oversizedBody() throws Exception {
    Buffer big = Buffer.buffer(new byte[10_000]);
    assertProblem(Await.result(gateway.client.post("/api/v1/ping").putHeader("Content-Type", "application/json")
      .sendBuffer(big)), 413, "/problems/payload-too-large");
  }

  @Test
  @DisplayName("echoes a sane X-Request-Id and replaces one that is not")
  void requestIds() throws Exception {
    HttpResponse<Buffer> kept = Await.result(gateway.client.get("/health/live").putHeader("X-Request-Id", "abc-123")
      .send());
    assertThat(kept.getHeader("X-Request-Id")).isEqualTo("abc-123");
    HttpResponse<Buffer> replaced = Await.result(gateway.client.get("/health/live")
      .putHeader("X-Request-Id", "bad id <script>").send());
    assertThat(replaced.getHeader("X-Request-Id")).startsWith("req_").hasSize(28);
    HttpResponse<Buffer> generated = Await.result(gateway.client.get("/health/live").send());
    assertThat(generated.getHeader("X-Request-Id")).startsWith("req_");
  }

  @Test
  @DisplayName("without its node's health service the gateway is alive but not ready")
  void notReadyWithoutNode() throws Exception {
    assertThat(Await.result(gateway.client.get("/health/live").send()).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> ready = Await.result(gateway.client.get("/health/ready").send());
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
  }

  static void assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("type")).isEqualTo(type);
    assertThat(body.getString("title")).isNotBlank();
    assertThat(body.getString("instance")).startsWith("/");
    assertThat(body.encode()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
