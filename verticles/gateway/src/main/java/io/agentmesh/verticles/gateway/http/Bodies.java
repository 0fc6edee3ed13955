package io.agentmesh.verticles.gateway.http;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.MessageSchemas;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Request bodies and list parameters, read and validated at the edge: not JSON is 400, invalid fields 422 with every
 * one listed. The domain validates again with the same schema, whoever sends it a request.
 */
public final class Bodies {

  private Bodies() {
  }

  public static <T extends Record> T read(RoutingContext ctx, Class<T> type, String schema) {
    return MessageJson.fromJson(json(ctx, schema), type);
  }

  public static JsonObject json(RoutingContext ctx, String schema) {
    JsonObject json;
    try {
      json = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new DomainException(ErrorCode.BAD_REQUEST, "The body is not a JSON object.");
    }
    if (json == null) {
      throw new DomainException(ErrorCode.BAD_REQUEST, "A JSON object body is required.");
    }
    List<FieldError> errors = MessageSchemas.check(schema, json);
    if (!errors.isEmpty()) {
      throw DomainException.validation(errors);
    }
    return json;
  }

  /** A body the route may go without: none (Vert.x reports its length as -1, an empty one as 0) reads as {}. */
  public static JsonObject optionalJson(RoutingContext ctx, String schema) {
    return ctx.body() == null || ctx.body().length() <= 0 ? new JsonObject() : json(ctx, schema);
  }

  public static ListQuery listQuery(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    Integer limit = wholeParam(ctx.queryParams(), "limit", errors);
    ListQuery query = new ListQuery(limit, ctx.queryParams().get("order"), ctx.queryParams().get("after"),
      ctx.queryParams().get("before"));
    errors.addAll(query.problems());
    if (!errors.isEmpty()) {
      throw DomainException.validation(errors);
    }
    return query;
  }

  /** A whole-number query parameter, null when absent; a malformed one is added to {@code errors}. */
  public static Integer wholeParam(MultiMap params, String name, List<FieldError> errors) {
    String raw = params.get(name);
    if (raw == null) {
      return null;
    }
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, "must be a whole number"));
      return null;
    }
  }

  /** A finite number query parameter, null when absent; a malformed one is added to {@code errors}. */
  public static Double numberParam(MultiMap params, String name, List<FieldError> errors) {
    String raw = params.get(name);
    if (raw == null) {
      return null;
    }
    try {
      double value = Double.parseDouble(raw);
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(name, "must be a number"));
    return null;
  }
}
