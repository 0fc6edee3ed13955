package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.tasks.Task;
import io.agentmesh.contract.tasks.TaskDraft;
import io.agentmesh.contract.tasks.TaskQuery;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.verticles.gateway.http.Bodies;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP face of the tasks domain: submit into a session, read, list, cancel. A task's events are a topic of the
 * gateway's {@code streams} package.
 */
public final class TaskRoutes {

  private final BusClient bus;

  public TaskRoutes(BusClient bus) {
    this.bus = bus;
  }

  /** 202 with the queued task; with an Idempotency-Key seen before (24 h), the original task. */
  public void submit(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx, "tasks.create");
    body.put("session_id", ctx.pathParam("id")).put("idempotency_key", ctx.request().getHeader("Idempotency-Key"));
    TaskDraft draft = MessageJson.fromJson(body, TaskDraft.class);
    bus.<Task>request(TasksAddresses.SUBMIT, draft, ctx).onSuccess(task -> {
      ctx.response().putHeader("Location", "/api/v1/tasks/" + task.id());
      Responses.record(ctx, 202, task);
    }).onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    bus.request(TasksAddresses.GET, new ResourceId(ctx.pathParam("id")), ctx)
      .onSuccess(task -> Responses.record(ctx, 200, task)).onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    var page = Bodies.listQuery(ctx);
    TaskQuery query = new TaskQuery(page.limit(), page.order(), page.after(), page.before(),
      ctx.queryParams().get("agent_id"), ctx.queryParams().get("session_id"), ctx.queryParams().get("status"));
    bus.request(TasksAddresses.LIST, query, ctx).onSuccess(reply -> Responses.list(ctx, reply))
      .onFailure(ctx::fail);
  }

  public void cancel(RoutingContext ctx) {
    bus.request(TasksAddresses.CANCEL, new ResourceId(ctx.pathParam("id")), ctx)
      .onSuccess(task -> Responses.record(ctx, 202, task)).onFailure(ctx::fail);
  }
}
