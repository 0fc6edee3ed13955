package io.agentmesh.testing;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One domain verticle, deployed for its own module's tests: on a Vert.x of its own, with the shipped configuration
 * ({@code config/default.json}) pointed at the test JVM's PostgreSQL and Redis. Tests talk to it through its bus
 * addresses, as the gateway and the other domains do; no other domain runs. Declared as a static
 * {@code @RegisterExtension} field, it deploys before the class's tests and closes after them.
 */
public final class DeployedDomain implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<? extends Deployable> verticle;
  private final List<Consumer<Vertx>> preparations = new ArrayList<>();
  private final List<Consumer<JsonObject>> overrides = new ArrayList<>();
  private Vertx vertx;

  private DeployedDomain(Supplier<? extends Deployable> verticle) {
    this.verticle = verticle;
  }

  public static DeployedDomain of(Supplier<? extends Deployable> verticle) {
    return new DeployedDomain(verticle);
  }

  /** Runs on the Vert.x instance before the deployment: the contract's codecs, a stand-in for another domain. */
  public DeployedDomain prepare(Consumer<Vertx> preparation) {
    preparations.add(preparation);
    return this;
  }

  /** Changes the configuration before the deployment; applied in order. */
  public DeployedDomain configure(Consumer<JsonObject> override) {
    overrides.add(override);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx();
    preparations.forEach(preparation -> preparation.accept(vertx));
    JsonObject config = ShippedConfig.defaults().put("node_id", "test-" + UUID.randomUUID());
    config.getJsonObject("postgres").put("url", SharedInfra.postgresUrl());
    config.getJsonObject("redis").put("url", SharedInfra.redisUrl());
    overrides.forEach(override -> override.accept(config));
    Await.result(vertx.deployVerticle(verticle.get(), new DeploymentOptions().setConfig(config)));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (vertx != null) {
      Await.result(vertx.close());
    }
  }

  public Vertx vertx() {
    return vertx;
  }
}
