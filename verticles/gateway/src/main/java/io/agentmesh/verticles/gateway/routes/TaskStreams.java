package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TaskEventPage;
import io.agentmesh.contract.tasks.TaskEventQuery;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.verticles.gateway.GatewayOptions;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.security.Caller;
import io.agentmesh.verticles.gateway.security.CredentialWatch;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Task events for clients, in two shapes over one mechanism. {@code GET /api/v1/tasks/{id}/events} is a server-sent
 * event stream ({@code id:} the sequence number, {@code event:} the type) that ends after the terminal event;
 * {@code /api/v1/stream} is a WebSocket where a client subscribes to task ids ({@code {"type":"subscribe",
 * "task_id":..., "after": n}}). Either way a subscription starts after a sequence number ({@code Last-Event-ID},
 * {@code ?after=}, {@code after}), gets what follows from PostgreSQL, then live events, each once and in order: a
 * live event that would leave a gap sends it back to PostgreSQL for the missing ones. One bus consumer per gateway
 * instance fans events out; a subscription is authorized like the task itself. Keep-alives every 15 s. A stream ends
 * when its credential does: SSE with a last {@code stream.ended} event, WebSocket with close code 1008, each with the
 * reason ({@code credential_expired}, {@code credential_revoked}); the client signs in again and resumes.
 */
public final class TaskStreams {

  private static final long KEEP_ALIVE_MS = 15_000;
  private static final int PAGE = 500;
  private static final int MAX_SUBSCRIPTIONS = 100;
  /** WebSocket close code when the credential ends; the reason says which ({@link CredentialWatch}). */
  private static final short POLICY_VIOLATION = 1008;

  private final BusClient bus;
  private final GatewayOptions options;
  private final CredentialWatch credentials;
  private final Map<String, List<Subscription>> byTask = new HashMap<>();
  private final List<Runnable> keepAlives = new ArrayList<>();

  /** Where a subscription's events go. */
  private interface Sink {
    boolean closed();

    /** {@code json}: the event as clients see it, encoded once for every subscriber of the task. */
    void event(TaskEvent event, String json);

    /** The task ended (its terminal event was sent). */
    void ended(String taskId);
  }

  /** One task followed by one client: what it was sent, and live events held while it catches up. */
  private final class Subscription {
    final RoutingContext ctx;
    final String taskId;
    final Sink sink;
    long written;
    boolean catchingUp;
    final List<TaskEvent> held = new ArrayList<>();

    Subscription(RoutingContext ctx, String taskId, long after, Sink sink) {
      this.ctx = ctx;
      this.taskId = taskId;
      this.written = after;
      this.sink = sink;
    }
  }

  public TaskStreams(Vertx vertx, BusClient bus, GatewayOptions options, CredentialWatch credentials) {
    this.bus = bus;
    this.options = options;
    this.credentials = credentials;
    vertx.eventBus().<TaskEvent>consumer(TasksAddresses.EVENTS, event -> live(event.body()));
    vertx.setPeriodic(KEEP_ALIVE_MS, t -> List.copyOf(keepAlives).forEach(Runnable::run));
  }

  /** Server-sent events of one task. */
  public void events(RoutingContext ctx) {
    String taskId = ctx.pathParam("id");
    long after = after(ctx.request().getHeader("Last-Event-ID"), ctx.queryParams().get("after"));
    bus.request(TasksAddresses.GET, new ResourceId(taskId), ctx).onSuccess(visible -> {
      HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
      Runnable keepAlive = () -> {
        if (!response.ended()) {
          response.write(": keep-alive\n\n");
        }
      };
      keepAlives.add(keepAlive);
      Runnable forget = credentials.watch(Caller.of(ctx), reason -> {
        if (!response.ended()) {
          response.end("event: stream.ended\ndata: {\"reason\":\"" + reason + "\"}\n\n");
        }
      });
      response.endHandler(ended -> {
        keepAlives.remove(keepAlive);
        forget.run();
      });
      Sink sink = new Sink() {
        public boolean closed() {
          return response.ended();
        }

        public void event(TaskEvent event, String json) {
          response.write("id: " + event.sequence() + "\nevent: " + event.type() + "\ndata: " + json + "\n\n");
        }

        public void ended(String id) {
          response.end();
        }
      };
      Subscription subscription = subscribe(ctx, taskId, after, sink);
      response.closeHandler(closed -> {
        keepAlives.remove(keepAlive);
        forget.run();
        remove(subscription);
      });
      response.write(": stream of " + taskId + "\n\n");
    }).onFailure(ctx::fail);
  }

  /** The WebSocket: subscribe and unsubscribe to task ids; events and control messages as JSON text frames. */
  public void websocket(RoutingContext ctx) {
    if (!ctx.request().headers().contains("Upgrade", "websocket", true)) {
      ctx.fail(new DomainException(ErrorCode.BAD_REQUEST, "Open this endpoint with a WebSocket upgrade."));
      return;
    }
    ctx.request().toWebSocket().onSuccess(socket -> {
      List<Subscription> mine = new ArrayList<>();
      Runnable keepAlive = () -> socket.writePing(Buffer.buffer("ka"));
      keepAlives.add(keepAlive);
      Runnable forget = credentials.watch(Caller.of(ctx), reason -> socket.close(POLICY_VIOLATION, reason));
      socket.closeHandler(closed -> {
        keepAlives.remove(keepAlive);
        forget.run();
        mine.forEach(this::remove);
      });
      socket.textMessageHandler(text -> command(ctx, socket, mine, text));
    }).onFailure(ctx::fail);
  }

  private void command(RoutingContext ctx, ServerWebSocket socket, List<Subscription> mine, String text) {
    JsonObject command;
    try {
      command = new JsonObject(text);
    } catch (DecodeException e) {
      reply(socket, "error", null, "Send JSON: {\"type\": \"subscribe\", \"task_id\": ..., \"after\": 0}.");
      return;
    }
    String type = command.getString("type", "");
    Object taskId = command.getValue("task_id");
    if (!(taskId instanceof String id) || !(type.equals("subscribe") || type.equals("unsubscribe"))) {
      reply(socket, "error", null, "type must be subscribe or unsubscribe, with a task_id string.");
      return;
    }
    if (type.equals("unsubscribe")) {
      mine.removeIf(subscription -> {
        if (subscription.taskId.equals(id)) {
          remove(subscription);
          return true;
        }
        return false;
      });
      reply(socket, "unsubscribed", id, null);
      return;
    }
    if (mine.size() >= MAX_SUBSCRIPTIONS) {
      reply(socket, "error", id, "At most " + MAX_SUBSCRIPTIONS + " subscriptions per connection.");
      return;
    }
    long after = after(null, String.valueOf(command.getValue("after", 0)));
    bus.request(TasksAddresses.GET, new ResourceId(id), ctx).onSuccess(visible -> {
      reply(socket, "subscribed", id, null);
      mine.add(subscribe(ctx, id, after, new Sink() {
        public boolean closed() {
          return socket.isClosed();
        }

        public void event(TaskEvent event, String json) {
          socket.writeTextMessage(json);
        }

        public void ended(String taskId) {
          reply(socket, "ended", taskId, null);
        }
      }));
    }).onFailure(failure -> reply(socket, "error", id, "Task " + id + " was not found."));
  }

  private static void reply(ServerWebSocket socket, String type, String taskId, String message) {
    JsonObject reply = new JsonObject().put("type", type);
    if (taskId != null) {
      reply.put("task_id", taskId);
    }
    if (message != null) {
      reply.put("message", message);
    }
    if (!socket.isClosed()) {
      socket.writeTextMessage(reply.encode());
    }
  }

  /** Ends every stream (graceful shutdown); clients resume elsewhere from the last sequence they saw. */
  public void closeAll() {
    byTask.values().forEach(subscriptions -> List.copyOf(subscriptions).forEach(subscription -> {
      if (!subscription.sink.closed()) {
        subscription.sink.ended(subscription.taskId);
      }
    }));
    byTask.clear();
  }

  private Subscription subscribe(RoutingContext ctx, String taskId, long after, Sink sink) {
    Subscription subscription = new Subscription(ctx, taskId, after, sink);
    byTask.computeIfAbsent(taskId, id -> new ArrayList<>()).add(subscription);
    catchUp(subscription);
    return subscription;
  }

  private void catchUp(Subscription subscription) {
    subscription.catchingUp = true;
    bus.<TaskEventPage>request(TasksAddresses.EVENTS_AFTER, new TaskEventQuery(subscription.taskId,
        subscription.written, PAGE), subscription.ctx)
      .onSuccess(page -> {
        page.data().forEach(event -> write(subscription, event, null));
        if (page.hasMore() && !subscription.sink.closed()) {
          catchUp(subscription);
          return;
        }
        subscription.catchingUp = false;
        List<TaskEvent> held = List.copyOf(subscription.held);
        subscription.held.clear();
        held.forEach(event -> deliver(subscription, event, null));
      })
      .onFailure(failure -> {
        remove(subscription);
        subscription.sink.ended(subscription.taskId);
      });
  }

  private void live(TaskEvent event) {
    List<Subscription> subscriptions = byTask.get(event.taskId());
    if (subscriptions != null) {
      String json = encode(event); // once, however many follow the task
      List.copyOf(subscriptions).forEach(subscription -> deliver(subscription, event, json));
    }
  }

  private void deliver(Subscription subscription, TaskEvent event, String json) {
    if (subscription.catchingUp) {
      subscription.held.add(event);
    } else if (event.sequence() == subscription.written + 1) {
      write(subscription, event, json);
    } else if (event.sequence() > subscription.written + 1) {
      subscription.held.add(event);
      catchUp(subscription);
    }
  }

  /** {@code json} null: encoded here (events read back for one subscriber). */
  private void write(Subscription subscription, TaskEvent event, String json) {
    if (event.sequence() <= subscription.written || subscription.sink.closed()) {
      return;
    }
    subscription.written = event.sequence();
    subscription.sink.event(event, json != null ? json : encode(event));
    if (event.terminal()) {
      remove(subscription);
      subscription.sink.ended(subscription.taskId);
    }
  }

  private static String encode(TaskEvent event) {
    return MessageJson.toJson(event).put("sequence_number", event.sequence()).encode();
  }

  private void remove(Subscription subscription) {
    List<Subscription> subscriptions = byTask.get(subscription.taskId);
    if (subscriptions != null) {
      subscriptions.remove(subscription);
      if (subscriptions.isEmpty()) {
        byTask.remove(subscription.taskId);
      }
    }
  }

  private static long after(String header, String query) {
    String value = header != null ? header : query;
    try {
      return value == null ? 0 : Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
