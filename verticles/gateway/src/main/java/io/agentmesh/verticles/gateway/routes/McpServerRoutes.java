package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.agentmesh.contract.tools.UpstreamDraft;
import io.agentmesh.contract.tools.UpstreamList;
import io.agentmesh.contract.tools.UpstreamServer;
import io.agentmesh.verticles.gateway.http.Bodies;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The HTTP face of federation (admin): add, list, read and remove external MCP servers. */
public final class McpServerRoutes {

  private final BusClient bus;

  public McpServerRoutes(BusClient bus) {
    this.bus = bus;
  }

  public void add(RoutingContext ctx) {
    UpstreamDraft draft = Bodies.read(ctx, UpstreamDraft.class, "mcp.servers.create");
    bus.<UpstreamServer>request(ToolsAddresses.UPSTREAM_ADD, draft, ctx).onSuccess(server -> {
      ctx.response().putHeader("Location", "/api/v1/mcp/servers/" + server.name());
      Responses.record(ctx, 201, server);
    }).onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    bus.<UpstreamList>request(ToolsAddresses.UPSTREAM_LIST, new JsonObject(), ctx).onSuccess(all -> {
      JsonArray data = new JsonArray();
      all.data().forEach(server -> data.add(MessageJson.toJson(server)));
      Responses.json(ctx, 200, new JsonObject().put("object", "list").put("data", data).put("has_more", false));
    }).onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    bus.request(ToolsAddresses.UPSTREAM_GET, new ResourceId(ctx.pathParam("name")), ctx)
      .onSuccess(server -> Responses.record(ctx, 200, server)).onFailure(ctx::fail);
  }

  public void remove(RoutingContext ctx) {
    bus.request(ToolsAddresses.UPSTREAM_REMOVE, new ResourceId(ctx.pathParam("name")), ctx)
      .onSuccess(done -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }
}
