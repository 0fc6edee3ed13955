package io.agentmesh.verticles.gateway.http;

import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** An RFC 9457 problem body: what every error response of the platform looks like. */
public record Problem(int status, String slug, String title, String detail, List<FieldError> errors) {

  static final String CONTENT_TYPE = "application/problem+json";

  public Problem {
    errors = List.copyOf(errors);
  }

  public static Problem of(ErrorCode code, String detail) {
    return of(code, detail, List.of());
  }

  public static Problem of(ErrorCode code, String detail, List<FieldError> errors) {
    return new Problem(code.status(), code.slug(), code.title(), detail, errors);
  }

  /** A failure of HTTP itself (wrong method, body too large) rather than of a domain. */
  static Problem http(int status, String slug, String title, String detail) {
    return new Problem(status, slug, title, detail, List.of());
  }

  public JsonObject toJson(RoutingContext ctx) {
    JsonObject json = new JsonObject()
      .put("type", "/problems/" + slug)
      .put("title", title)
      .put("status", status)
      .put("detail", detail)
      .put("instance", ctx.request().path())
      .put("request_id", RequestIds.of(ctx));
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      errors.forEach(e -> list.add(new JsonObject().put("field", e.field()).put("reason", e.reason())));
      json.put("errors", list);
    }
    return json;
  }

  public void send(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response()
      .setStatusCode(status)
      .putHeader("Content-Type", CONTENT_TYPE)
      .end(toJson(ctx).encode());
  }
}
