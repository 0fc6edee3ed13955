package io.agentmesh.contract;

import io.agentmesh.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A domain retiring its requests on stop")
class RequestConsumersRetireTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    Await.result(vertx.close());
  }

  /** Stands for a domain whose storage closes in stop: a request answered after that would fail. */
  private static final class Domain extends VerticleBase {
    final Promise<Void> entered = Promise.promise();
    final Promise<Void> gate = Promise.promise();
    final Promise<Void> stopping = Promise.promise();
    volatile boolean storageClosed;

    @Override
    public Future<?> start() {
      RequestConsumers.serve(vertx.eventBus(), "probe.fast", message -> Future.succeededFuture("fast"));
      return RequestConsumers.serve(vertx.eventBus(), "probe.slow", message -> {
        entered.tryComplete();
        return gate.future().map(v -> storageClosed ? "storage closed" : "answered");
      }).completion();
    }

    @Override
    public Future<?> stop() {
      Future<Void> retired = RequestConsumers.retire(); // unregisters at once, then waits for the request in hand
      stopping.complete();
      return retired.onComplete(done -> storageClosed = true);
    }
  }

  @Test
  @DisplayName("answers the requests in hand before its storage closes, and takes no new ones meanwhile")
  void answersInFlightThenStops() throws Exception {
    Domain domain = new Domain();
    String id = Await.result(vertx.deployVerticle(domain));
    Future<Object> inFlight = vertx.eventBus().request("probe.slow", "x").map(reply -> reply.body());
    Await.result(domain.entered.future());

    Future<Void> undeployed = vertx.undeploy(id);
    Await.result(domain.stopping.future());
    for (String address : new String[] {"probe.fast", "probe.slow"}) {
      assertThatThrownBy(() -> Await.result(vertx.eventBus().request(address, "y"))).as(address)
        .isInstanceOfSatisfying(ReplyException.class,
          e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
    }
    assertThat(undeployed.isComplete()).as("stop waits for the request in hand").isFalse();

    domain.gate.complete();
    assertThat(Await.result(inFlight)).isEqualTo("answered");
    Await.result(undeployed);
    assertThat(domain.storageClosed).isTrue();
  }
}
