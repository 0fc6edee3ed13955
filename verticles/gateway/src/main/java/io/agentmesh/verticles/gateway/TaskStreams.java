package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TaskEventPage;
import io.agentmesh.contract.tasks.TaskEventQuery;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/tasks/{id}/events}: a task's events as server-sent events ({@code id:} the sequence number,
 * {@code event:} the type). A client coming back with {@code Last-Event-ID} (or {@code ?after=}) gets every event
 * after it, first from PostgreSQL, then live, each once and in order: a live event that would leave a gap sends
 * the stream back to PostgreSQL for the missing ones. One bus consumer per gateway instance fans events out to its
 * streams. The stream ends after the task's terminal event; a comment every 15 s keeps idle streams open.
 */
final class TaskStreams {

  private static final long KEEP_ALIVE_MS = 15_000;
  private static final int PAGE = 500;

  private final BusClient bus;
  private final GatewayOptions options;
  private final Map<String, List<Stream>> byTask = new HashMap<>();

  /** One client's stream: what it has been sent, and live events held while it catches up from PostgreSQL. */
  private final class Stream {
    final RoutingContext ctx;
    final String taskId;
    long written;
    boolean catchingUp;
    final List<TaskEvent> held = new ArrayList<>();

    Stream(RoutingContext ctx, String taskId, long after) {
      this.ctx = ctx;
      this.taskId = taskId;
      this.written = after;
    }

    HttpServerResponse response() {
      return ctx.response();
    }
  }

  TaskStreams(Vertx vertx, BusClient bus, GatewayOptions options) {
    this.bus = bus;
    this.options = options;
    vertx.eventBus().<TaskEvent>consumer(TasksAddresses.EVENTS, event -> live(event.body()));
    vertx.setPeriodic(KEEP_ALIVE_MS, t -> byTask.values().forEach(streams -> streams
      .forEach(stream -> stream.response().write(": keep-alive\n\n"))));
  }

  void events(RoutingContext ctx) {
    String taskId = ctx.pathParam("id");
    long after = after(ctx);
    bus.request(TasksAddresses.GET, new ResourceId(taskId), ctx, options).onSuccess(visible -> {
      ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
      Stream stream = new Stream(ctx, taskId, after);
      byTask.computeIfAbsent(taskId, id -> new ArrayList<>()).add(stream);
      ctx.response().closeHandler(closed -> remove(stream));
      ctx.response().write(": stream of " + taskId + "\n\n");
      catchUp(stream);
    }).onFailure(ctx::fail);
  }

  /** Ends every stream (graceful shutdown); clients resume elsewhere with Last-Event-ID. */
  void closeAll() {
    byTask.values().forEach(streams -> List.copyOf(streams).forEach(stream -> stream.response().end()));
    byTask.clear();
  }

  private void catchUp(Stream stream) {
    stream.catchingUp = true;
    bus.<TaskEventPage>request(TasksAddresses.EVENTS_AFTER, new TaskEventQuery(stream.taskId, stream.written, PAGE),
        stream.ctx, options)
      .onSuccess(page -> {
        page.data().forEach(event -> write(stream, event));
        if (page.hasMore() && !stream.response().ended()) {
          catchUp(stream);
          return;
        }
        stream.catchingUp = false;
        List<TaskEvent> held = List.copyOf(stream.held);
        stream.held.clear();
        held.forEach(event -> deliver(stream, event));
      })
      .onFailure(failure -> stream.response().end());
  }

  private void live(TaskEvent event) {
    List<Stream> streams = byTask.get(event.taskId());
    if (streams != null) {
      List.copyOf(streams).forEach(stream -> deliver(stream, event));
    }
  }

  private void deliver(Stream stream, TaskEvent event) {
    if (stream.catchingUp) {
      stream.held.add(event);
    } else if (event.sequence() == stream.written + 1) {
      write(stream, event);
    } else if (event.sequence() > stream.written + 1) {
      stream.held.add(event);
      catchUp(stream);
    }
  }

  private void write(Stream stream, TaskEvent event) {
    if (event.sequence() <= stream.written || stream.response().ended()) {
      return;
    }
    stream.written = event.sequence();
    JsonObject data = MessageJson.toJson(event).put("sequence_number", event.sequence());
    stream.response().write("id: " + event.sequence() + "\nevent: " + event.type() + "\ndata: " + data.encode()
      + "\n\n");
    if (event.terminal()) {
      stream.response().end();
      remove(stream);
    }
  }

  private void remove(Stream stream) {
    List<Stream> streams = byTask.get(stream.taskId);
    if (streams != null) {
      streams.remove(stream);
      if (streams.isEmpty()) {
        byTask.remove(stream.taskId);
      }
    }
  }

  private static long after(RoutingContext ctx) {
    String value = ctx.request().getHeader("Last-Event-ID");
    if (value == null) {
      value = ctx.queryParams().get("after");
    }
    try {
      return value == null ? 0 : Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
