package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.MessageJson;
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

  static void record(RoutingContext ctx, int status, Object reply) {
    ctx.response()
      .setStatusCode(status)
      .putHeader("Content-Type", "application/json")
      .end(io.vertx.core.buffer.Buffer.buffer(MessageJson.toBytes((Record) reply)));
  }

  /** The platform's list envelope around a page record ({@code data, first_id, last_id, has_more}). */
  static void list(RoutingContext ctx, Object page) {
    json(ctx, 200, new JsonObject().put("object", "list").mergeIn(MessageJson.toJson((Record) page)));
  }

  static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }
}
