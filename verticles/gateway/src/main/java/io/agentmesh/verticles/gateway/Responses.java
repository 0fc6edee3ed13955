package io.agentmesh.verticles.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Successful JSON responses. */
final class Responses {

  private Responses() {
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
      .setStatusCode(status)
      .putHeader("Content-Type", "application/json")
      .end(body.encode());
  }
}
