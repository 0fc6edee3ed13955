package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentDelete;
import io.agentmesh.contract.agents.AgentDraft;
import io.agentmesh.contract.agents.AgentPatch;
import io.agentmesh.contract.agents.AgentQuery;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.verticles.gateway.http.Bodies;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * The HTTP face of the agents domain. Agent responses carry {@code ETag: "<version>"}; a PATCH with a stale
 * {@code If-Match} is 412, and a PATCH without one is applied to whatever version is current.
 */
public final class AgentRoutes {

  private final BusClient bus;

  public AgentRoutes(BusClient bus) {
    this.bus = bus;
  }

  public void create(RoutingContext ctx) {
    AgentDraft draft = Bodies.read(ctx, AgentDraft.class, "agents.create");
    bus.<Agent>request(AgentsAddresses.CREATE, draft, ctx).onSuccess(agent -> {
      ctx.response().putHeader("Location", "/api/v1/agents/" + agent.id());
      send(ctx, 201, agent);
    }).onFailure(ctx::fail);
  }

  /** With {@code If-None-Match} naming the agent's current ETag (or {@code *}), 304 and no body. */
  public void get(RoutingContext ctx) {
    bus.<Agent>request(AgentsAddresses.GET, new ResourceId(ctx.pathParam("id")), ctx).onSuccess(agent -> {
      if (notModified(ctx.request().getHeader("If-None-Match"), agent.version())) {
        ctx.response().setStatusCode(304).putHeader("ETag", etag(agent)).end();
      } else {
        send(ctx, 200, agent);
      }
    }).onFailure(ctx::fail);
  }

  /** RFC 9110 13.1.2: a list of entity tags compared weakly, or {@code *}. */
  private static boolean notModified(String ifNoneMatch, long version) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String trimmed = tag.trim();
      if (trimmed.equals("*") || trimmed.replaceFirst("^W/", "").equals("\"" + version + "\"")) {
        return true;
      }
    }
    return false;
  }

  private static String etag(Agent agent) {
    return "\"" + agent.version() + "\"";
  }

  public void list(RoutingContext ctx) {
    var page = Bodies.listQuery(ctx);
    AgentQuery query = new AgentQuery(page.limit(), page.order(), page.after(), page.before(),
      ctx.queryParams().get("status"), ctx.queryParams().get("name_prefix"), ctx.queryParams().get("owner"));
    bus.request(AgentsAddresses.LIST, query, ctx).onSuccess(reply -> Responses.list(ctx, reply))
      .onFailure(ctx::fail);
  }

  public void update(RoutingContext ctx) {
    JsonObject patch = Bodies.json(ctx, "agents.patch");
    AgentPatch request = new AgentPatch(ctx.pathParam("id"), patch.getMap(), ifMatch(ctx));
    bus.<Agent>request(AgentsAddresses.UPDATE, request, ctx)
      .onSuccess(agent -> send(ctx, 200, agent)).onFailure(ctx::fail);
  }

  public void delete(RoutingContext ctx) {
    boolean force = "true".equals(ctx.queryParams().get("force"));
    bus.request(AgentsAddresses.DELETE, new AgentDelete(ctx.pathParam("id"), force), ctx)
      .onSuccess(reply -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, int status, Agent agent) {
    ctx.response().putHeader("ETag", etag(agent));
    Responses.record(ctx, status, agent);
  }

  /** {@code If-Match: "7"} (or W/"7") → 7; absent → null; anything else → 400. */
  private static Long ifMatch(RoutingContext ctx) {
    String header = ctx.request().getHeader("If-Match");
    if (header == null || header.equals("*")) {
      return null;
    }
    String tag = header.trim().replaceFirst("^W/", "").replace("\"", "");
    try {
      return Long.parseLong(tag);
    } catch (NumberFormatException e) {
      throw DomainException.validation(List.of(new FieldError("If-Match", "must be an ETag this API returned")));
    }
  }
}
