package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.ping.DomainPing;
import io.agentmesh.contract.ping.PingReply;
import io.agentmesh.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static io.agentmesh.verticles.gateway.ProblemResponsesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("GET /api/v1/ping")
class PingRouteTest {

  private static GatewayFixture gateway;
  private static final AtomicReference<String> seenRequestId = new AtomicReference<>();
  private static final AtomicReference<String> seenPrincipal = new AtomicReference<>();

  @BeforeAll
  static void start() throws Exception {
    gateway = new GatewayFixture(500);
    Await.result(gateway.vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        return DomainPing.answer(vertx, "probe", "node-b");
      }
    }));
    Await.result(gateway.vertx.eventBus().consumer(DomainPing.address("spy"), message -> {
      seenRequestId.set(message.headers().get(BusHeaders.REQUEST_ID));
      seenPrincipal.set(message.headers().get(BusHeaders.PRINCIPAL));
      message.reply(new PingReply("spy", "node-b"));
    }).completion());
    Await.result(gateway.vertx.eventBus().consumer(DomainPing.address("grumpy"), message ->
      message.reply(new DomainException(ErrorCode.FORBIDDEN, "Grumpy answers nobody."))).completion());
    Await.result(gateway.vertx.eventBus().consumer(DomainPing.address("silent"), message -> {
    }).completion());
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
  }

  @Test
  @DisplayName("answers with the node that runs the domain")
  void answered() throws Exception {
    HttpResponse<Buffer> response = Await.result(gateway.client.get("/api/v1/ping?domain=probe").send());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("domain")).isEqualTo("probe");
    assertThat(body.getString("node_id")).isEqualTo("node-b");
    assertThat(body.getString("status")).isEqualTo("up");
  }

  @Test
  @DisplayName("propagates the request id and the caller over the bus in headers")
  void headersTravel() throws Exception {
    Await.result(gateway.client.get("/api/v1/ping?domain=spy").putHeader("X-Request-Id", "trace-7").send());
    assertThat(seenRequestId.get()).isEqualTo("trace-7");
    assertThat(seenPrincipal.get()).contains("\"sub\":null");
  }

  @Test
  @DisplayName("rejects a malformed domain name with 422 naming the field")
  void invalidDomain() throws Exception {
    HttpResponse<Buffer> response = Await.result(gateway.client.get("/api/v1/ping?domain=Not%20A%20Domain").send());
    assertProblem(response, 422, "/problems/validation-failed");
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
      .isEqualTo("domain");
  }

  @Test
  @DisplayName("is 503 at once when no node runs the domain")
  void noConsumer() throws Exception {
    long start = System.nanoTime();
    HttpResponse<Buffer> response = Await.result(gateway.client.get("/api/v1/ping?domain=absent").send());
    assertProblem(response, 503, "/problems/unavailable");
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("absent");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(400);
  }

  @Test
  @DisplayName("is 503 after the send timeout when the domain never answers")
  void timeout() throws Exception {
    HttpResponse<Buffer> response = Await.result(gateway.client.get("/api/v1/ping?domain=silent").send());
    assertProblem(response, 503, "/problems/unavailable");
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("500 ms");
  }

  @Test
  @DisplayName("maps a domain's typed failure to its HTTP status and detail")
  void typedFailure() throws Exception {
    HttpResponse<Buffer> response = Await.result(gateway.client.get("/api/v1/ping?domain=grumpy").send());
    assertProblem(response, 403, "/problems/forbidden");
    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("Grumpy answers nobody.");
  }
}
