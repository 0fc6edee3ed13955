package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.EventBusCodecs;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.ShippedConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;


/** A gateway deployed alone on a local Vert.x, with whatever domain consumers a test registers beside it. */
final class GatewayFixture {

  final Vertx vertx = Vertx.vertx();
  final int port = FreePorts.next();
  final WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(port)
    .setDefaultHost("127.0.0.1"));

  GatewayFixture(long sendTimeoutMs) throws Exception {
    EventBusCodecs.register(vertx);
    JsonObject config = ShippedConfig.defaults().put("node_id", "node-under-test");
    config.getJsonObject("http").put("port", port).put("body_limit_bytes", 4096);
    config.getJsonObject("bus").put("send_timeout_ms", sendTimeoutMs);
    config.getJsonObject("rate_limit").put("enabled", false);
    config.getJsonObject("redis").put("url", "redis://127.0.0.1:1"); // nothing here uses Redis
    Await.result(vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config)));
  }

  void close() throws Exception {
    Await.result(vertx.close());
  }
}
