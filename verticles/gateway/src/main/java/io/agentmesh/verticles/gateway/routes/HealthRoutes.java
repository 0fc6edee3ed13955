package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.node.NodeAddresses;
import io.agentmesh.contract.node.NodeHealth;
import io.agentmesh.verticles.gateway.http.Responses;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: this node's dependencies and domains are up,
 * as its launcher reports on the local {@link NodeAddresses#HEALTH} address; 503 when any is down.
 */
public final class HealthRoutes {

  private static final long READY_TIMEOUT_MS = 3000;

  private final EventBus bus;

  public HealthRoutes(EventBus bus) {
    this.bus = bus;
  }

  public void live(RoutingContext ctx) {
    Responses.json(ctx, 200, new JsonObject().put("status", "UP"));
  }

  public void ready(RoutingContext ctx) {
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true).setSendTimeout(READY_TIMEOUT_MS);
    bus.<NodeHealth>request(NodeAddresses.HEALTH, null, local)
      .onSuccess(reply -> {
        NodeHealth health = reply.body();
        Responses.json(ctx, health.up() ? 200 : 503, toJson(health));
      })
      .onFailure(failure -> Responses.json(ctx, 503, new JsonObject().put("status", "DOWN")
        .put("checks", new JsonArray().add(new JsonObject().put("name", "node").put("status", "DOWN")
          .put("detail", "the node's health service did not answer")))));
  }

  private static JsonObject toJson(NodeHealth health) {
    JsonArray checks = new JsonArray();
    health.checks().forEach(check -> checks.add(new JsonObject()
      .put("name", check.name())
      .put("status", check.up() ? "UP" : "DOWN")
      .put("detail", check.detail())));
    return new JsonObject()
      .put("status", health.up() ? "UP" : "DOWN")
      .put("node_id", health.nodeId())
      .put("checks", checks);
  }
}
