package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.tools.ToolCall;
import io.agentmesh.contract.tools.ToolQuery;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.agentmesh.verticles.gateway.http.Bodies;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The HTTP face of the tool registry: list, read, invoke (as the caller). */
public final class ToolRoutes {

  private final BusClient bus;

  public ToolRoutes(BusClient bus) {
    this.bus = bus;
  }

  public void list(RoutingContext ctx) {
    ListQuery page = Bodies.listQuery(ctx);
    ToolQuery query = new ToolQuery(ctx.queryParams().get("category"), page.limit(),
      page.order() == null ? "asc" : page.order(), page.after(), page.before());
    bus.request(ToolsAddresses.LIST, query, ctx).onSuccess(reply -> Responses.list(ctx, reply))
      .onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    bus.request(ToolsAddresses.GET, new ResourceId(ctx.pathParam("name")), ctx)
      .onSuccess(reply -> Responses.record(ctx, 200, reply)).onFailure(ctx::fail);
  }

  /** 200 with the result, {@code is_error} true when the tool ran and failed; 422 for invalid arguments. */
  public void invoke(RoutingContext ctx) {
    JsonObject body = Bodies.optionalJson(ctx, "tools.invoke");
    ToolCall call = new ToolCall(ctx.pathParam("name"), body.getJsonObject("arguments", new JsonObject()).getMap());
    bus.request(ToolsAddresses.INVOKE, call, ctx).onSuccess(reply -> Responses.record(ctx, 200, reply))
      .onFailure(ctx::fail);
  }
}
