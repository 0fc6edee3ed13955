package io.agentmesh.verticles.gateway.http;

import io.agentmesh.contract.MessageJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Successful JSON responses. */
public final class Responses {

  private Responses() {
  }

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
      .setStatusCode(status)
      .putHeader("Content-Type", "application/json")
      .end(body.encode());
  }

  public static void record(RoutingContext ctx, int status, Object reply) {
    ctx.response()
      .setStatusCode(status)
      .putHeader("Content-Type", "application/json")
      .end(Buffer.buffer(MessageJson.toBytes((Record) reply)));
  }

  /** The platform's list envelope around a page record ({@code data, first_id, last_id, has_more}). */
  public static void list(RoutingContext ctx, Object page) {
    json(ctx, 200, new JsonObject().put("object", "list").mergeIn(MessageJson.toJson((Record) page)));
  }

  public static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }
}
