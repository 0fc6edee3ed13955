package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.ecs.ActRequest;
import io.agentmesh.contract.ecs.EcsAddresses;
import io.agentmesh.contract.ecs.EcsEntity;
import io.agentmesh.contract.ecs.EntityPair;
import io.agentmesh.contract.ecs.EntityQuery;
import io.agentmesh.contract.ecs.LineageQuery;
import io.agentmesh.contract.ecs.LinkRequest;
import io.agentmesh.contract.ecs.MapQuery;
import io.agentmesh.contract.ecs.MateQuery;
import io.agentmesh.contract.ecs.OffspringRequest;
import io.agentmesh.contract.ecs.SpawnRequest;
import io.agentmesh.contract.ecs.WorldControl;
import io.agentmesh.verticles.gateway.http.Bodies;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.http.Responses;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The HTTP face of the ecs domain: the world's status and control, its entities, their families and the map. */
public final class EcsRoutes {

  private static final String PATH = "/api/v1/ecs/agents/";

  private final BusClient bus;

  public EcsRoutes(BusClient bus) {
    this.bus = bus;
  }

  public void status(RoutingContext ctx) {
    reply(ctx, EcsAddresses.STATUS, new ResourceId("world"));
  }

  /** Entities by id, the living or ({@code alive=false}) the dead; {@code generation}, {@code owner}, trait ranges. */
  public void list(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    List<FieldError> errors = new ArrayList<>();
    Map<String, Double> min = new HashMap<>();
    Map<String, Double> max = new HashMap<>();
    for (String name : params.names()) {
      boolean bound = name.startsWith("min_") || name.startsWith("max_");
      Double value = bound ? Bodies.numberParam(params, name, errors) : null;
      if (value != null) {
        (name.startsWith("min_") ? min : max).put(name.substring(4), value);
      }
    }
    String alive = params.get("alive");
    if (alive != null && !alive.equals("true") && !alive.equals("false")) {
      errors.add(new FieldError("alive", "must be true or false"));
    }
    EntityQuery query = new EntityQuery(Bodies.wholeParam(params, "limit", errors), params.get("after"),
      Bodies.wholeParam(params, "generation", errors), params.get("owner"), min, max,
      alive == null || alive.equals("true"));
    valid(errors);
    bus.request(EcsAddresses.ENTITY_LIST, query, ctx).onSuccess(page -> Responses.list(ctx, page))
      .onFailure(ctx::fail);
  }

  public void spawn(RoutingContext ctx) {
    SpawnRequest request = Bodies.read(ctx, SpawnRequest.class, "ecs.entities.spawn");
    created(ctx, EcsAddresses.SPAWN, request);
  }

  public void offspring(RoutingContext ctx) {
    OffspringRequest request = Bodies.read(ctx, OffspringRequest.class, "ecs.entities.offspring");
    created(ctx, EcsAddresses.OFFSPRING, request);
  }

  public void get(RoutingContext ctx) {
    reply(ctx, EcsAddresses.ENTITY_GET, new ResourceId(ctx.pathParam("id")));
  }

  public void mates(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    MateQuery query = new MateQuery(ctx.pathParam("id"), Bodies.wholeParam(ctx.queryParams(), "limit", errors),
      Bodies.numberParam(ctx.queryParams(), "radius", errors));
    valid(errors);
    reply(ctx, EcsAddresses.MATES, query);
  }

  public void compatibility(RoutingContext ctx) {
    reply(ctx, EcsAddresses.COMPATIBILITY, new EntityPair(ctx.pathParam("id"), ctx.pathParam("other")));
  }

  public void lineage(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    LineageQuery query = new LineageQuery(ctx.pathParam("id"), Bodies.wholeParam(ctx.queryParams(), "depth", errors));
    valid(errors);
    reply(ctx, EcsAddresses.LINEAGE, query);
  }

  public void memory(RoutingContext ctx) {
    reply(ctx, EcsAddresses.MEMORY, new ResourceId(ctx.pathParam("id")));
  }

  public void relationships(RoutingContext ctx) {
    reply(ctx, EcsAddresses.RELATIONSHIPS, new ResourceId(ctx.pathParam("id")));
  }

  public void link(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx, "ecs.entities.link");
    reply(ctx, EcsAddresses.LINK, new LinkRequest(ctx.pathParam("id"), body.getString("agent_id")));
  }

  public void act(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx, "ecs.entities.act");
    reply(ctx, EcsAddresses.ACT, new ActRequest(ctx.pathParam("id"), body.getString("action"),
      body.getDouble("x"), body.getDouble("y"), body.getInteger("ticks")));
  }

  public void map(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    List<FieldError> errors = new ArrayList<>();
    MapQuery query = new MapQuery(Bodies.numberParam(params, "min_x", errors),
      Bodies.numberParam(params, "min_y", errors), Bodies.numberParam(params, "max_x", errors),
      Bodies.numberParam(params, "max_y", errors), params.get("trait"), Bodies.wholeParam(params, "limit", errors));
    valid(errors);
    reply(ctx, EcsAddresses.MAP, query);
  }

  public void speed(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx, "ecs.world.speed");
    control(ctx, new WorldControl("speed", body.getDouble("speed"), null, null, null));
  }

  public void pause(RoutingContext ctx) {
    control(ctx, new WorldControl("pause", null, null, null, null));
  }

  public void resume(RoutingContext ctx) {
    control(ctx, new WorldControl("resume", null, null, null, null));
  }

  public void step(RoutingContext ctx) {
    JsonObject body = Bodies.optionalJson(ctx, "ecs.world.step");
    control(ctx, new WorldControl("step", null, body.getInteger("ticks"), null, null));
  }

  public void reset(RoutingContext ctx) {
    JsonObject body = Bodies.optionalJson(ctx, "ecs.world.reset");
    control(ctx, new WorldControl("reset", null, null, body.getLong("seed"), body.getInteger("population")));
  }

  private void control(RoutingContext ctx, WorldControl control) {
    reply(ctx, EcsAddresses.CONTROL, control);
  }

  private void reply(RoutingContext ctx, String address, Object request) {
    bus.request(address, request, ctx).onSuccess(reply -> Responses.record(ctx, 200, reply)).onFailure(ctx::fail);
  }

  private void created(RoutingContext ctx, String address, Object request) {
    bus.<EcsEntity>request(address, request, ctx).onSuccess(entity -> {
      ctx.response().putHeader("Location", PATH + entity.id());
      Responses.record(ctx, 201, entity);
    }).onFailure(ctx::fail);
  }

  private static void valid(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw DomainException.validation(errors);
    }
  }
}
