package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.memory.MessageDraft;
import io.agentmesh.contract.memory.MessageQuery;
import io.agentmesh.contract.memory.Session;
import io.agentmesh.contract.memory.SessionDraft;
import io.agentmesh.contract.memory.SessionQuery;
import io.agentmesh.verticles.gateway.http.Bodies;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The HTTP face of the memory domain: sessions of an agent and their messages. */
public final class MemoryRoutes {

  private final BusClient bus;

  public MemoryRoutes(BusClient bus) {
    this.bus = bus;
  }

  public void createSession(RoutingContext ctx) {
    JsonObject body = Bodies.optionalJson(ctx, "memory.session.create");
    SessionDraft draft = MessageJson.fromJson(body.put("agent_id", ctx.pathParam("id")), SessionDraft.class);
    bus.<Session>request(MemoryAddresses.SESSION_CREATE, draft, ctx).onSuccess(session -> {
      ctx.response().putHeader("Location", "/api/v1/sessions/" + session.id());
      Responses.record(ctx, 201, session);
    }).onFailure(ctx::fail);
  }

  public void sessions(RoutingContext ctx) {
    ListQuery page = Bodies.listQuery(ctx);
    SessionQuery query = new SessionQuery(ctx.pathParam("id"), page.limit(), page.order(), page.after(), page.before());
    bus.request(MemoryAddresses.SESSION_LIST, query, ctx).onSuccess(reply -> Responses.list(ctx, reply))
      .onFailure(ctx::fail);
  }

  public void session(RoutingContext ctx) {
    bus.request(MemoryAddresses.SESSION_GET, new ResourceId(ctx.pathParam("id")), ctx)
      .onSuccess(reply -> Responses.record(ctx, 200, reply)).onFailure(ctx::fail);
  }

  public void deleteSession(RoutingContext ctx) {
    bus.request(MemoryAddresses.SESSION_DELETE, new ResourceId(ctx.pathParam("id")), ctx)
      .onSuccess(reply -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  public void compact(RoutingContext ctx) {
    bus.request(MemoryAddresses.COMPACT, new ResourceId(ctx.pathParam("id")), ctx)
      .onSuccess(reply -> Responses.record(ctx, 200, reply)).onFailure(ctx::fail);
  }

  public void append(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx, "memory.message.append").put("session_id", ctx.pathParam("id"));
    bus.request(MemoryAddresses.MESSAGE_APPEND, MessageJson.fromJson(body, MessageDraft.class), ctx)
      .onSuccess(reply -> Responses.record(ctx, 201, reply)).onFailure(ctx::fail);
  }

  public void messages(RoutingContext ctx) {
    ListQuery page = Bodies.listQuery(ctx);
    MessageQuery query = new MessageQuery(ctx.pathParam("id"), ctx.queryParams().get("q"), page.limit(),
      page.order(), page.after(), page.before());
    bus.request(MemoryAddresses.MESSAGE_LIST, query, ctx).onSuccess(reply -> Responses.list(ctx, reply))
      .onFailure(ctx::fail);
  }
}
