package io.agentmesh.verticles.gateway.streams;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.verticles.gateway.security.Caller;
import io.agentmesh.verticles.gateway.security.CredentialWatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The WebSocket {@code /api/v1/stream}: a client follows several topics on one connection. It sends {@code
 * {"type":"subscribe","task_id":...,"after":n}}, {@code "job_id"} for an ingest job, or {@code "topic"} with the
 * topic's full name, and {@code "unsubscribe"} likewise; events arrive as JSON text frames (each with its {@code
 * sequence_number}), control messages as {@code subscribed}, {@code unsubscribed}, {@code ended} and {@code error}
 * with the topic. A topic the caller may not read is an error, exactly as its REST route answers 404. When the
 * credential ends the socket closes with 1008 and the reason.
 */
public final class StreamSocket {

  private static final int MAX_SUBSCRIPTIONS = 100;
  /** WebSocket close code when the credential ends; the reason says which ({@link CredentialWatch}). */
  private static final short POLICY_VIOLATION = 1008;

  private final TopicStreams streams;
  private final CredentialWatch credentials;

  public StreamSocket(TopicStreams streams, CredentialWatch credentials) {
    this.streams = streams;
    this.credentials = credentials;
  }

  public void open(RoutingContext ctx) {
    if (!ctx.request().headers().contains("Upgrade", "websocket", true)) {
      ctx.fail(new DomainException(ErrorCode.BAD_REQUEST, "Open this endpoint with a WebSocket upgrade."));
      return;
    }
    streams.requireSomeTopic(ctx);
    ctx.request().toWebSocket().onSuccess(socket -> {
      List<TopicStreams.Subscription> mine = new ArrayList<>();
      Runnable stopKeepAlive = streams.keepAlive(() -> socket.writePing(Buffer.buffer("ka")));
      Runnable forget = credentials.watch(Caller.of(ctx), reason -> socket.close(POLICY_VIOLATION, reason));
      socket.closeHandler(closed -> {
        stopKeepAlive.run();
        forget.run();
        mine.forEach(streams::unsubscribe);
      });
      socket.textMessageHandler(text -> command(ctx, socket, mine, text));
    }).onFailure(ctx::fail);
  }

  private void command(RoutingContext ctx, ServerWebSocket socket, List<TopicStreams.Subscription> mine,
                       String text) {
    JsonObject command;
    try {
      command = new JsonObject(text);
    } catch (DecodeException e) {
      reply(socket, "error", null, "Send JSON: {\"type\": \"subscribe\", \"task_id\": ..., \"after\": 0}.");
      return;
    }
    String type = command.getString("type", "");
    Optional<TopicStreams.Topic> named = named(command);
    if (named.isEmpty() || !(type.equals("subscribe") || type.equals("unsubscribe"))) {
      reply(socket, "error", null, "type must be subscribe or unsubscribe, with a topic, or one of "
        + String.join(", ", streams.idFields()) + ", as a string.");
      return;
    }
    TopicStreams.Topic topic = named.get();
    if (type.equals("unsubscribe")) {
      mine.removeIf(subscription -> {
        if (subscription.topic().name().equals(topic.name())) {
          streams.unsubscribe(subscription);
          return true;
        }
        return false;
      });
      reply(socket, "unsubscribed", topic, null);
      return;
    }
    if (mine.size() >= MAX_SUBSCRIPTIONS) {
      reply(socket, "error", topic, "At most " + MAX_SUBSCRIPTIONS + " subscriptions per connection.");
      return;
    }
    long after = TopicStreams.after(null, String.valueOf(command.getValue("after", 0)));
    streams.authorize(topic, ctx).onSuccess(visible -> {
      reply(socket, "subscribed", topic, null);
      mine.add(streams.subscribe(ctx, topic, after, new TopicStreams.Sink() {
        public boolean closed() {
          return socket.isClosed();
        }

        public void event(StreamEvent event) {
          socket.writeTextMessage(event.json());
        }

        public void ended(String name) {
          reply(socket, "ended", topic, null);
        }
      }));
    }).onFailure(failure -> reply(socket, "error", topic, failure instanceof DomainException refused
      && refused.code() != ErrorCode.UNAVAILABLE ? refused.getMessage() : "Could not subscribe now; try again."));
  }

  private Optional<TopicStreams.Topic> named(JsonObject command) {
    if (command.getValue("topic") instanceof String name) {
      return streams.topic(name);
    }
    for (String field : streams.idFields()) {
      if (command.getValue(field) instanceof String id) {
        return streams.topicById(field, id);
      }
    }
    return Optional.empty();
  }

  private static void reply(ServerWebSocket socket, String type, TopicStreams.Topic topic, String message) {
    JsonObject reply = new JsonObject().put("type", type);
    if (topic != null) {
      reply.put("topic", topic.name()).put(topic.source().idField(), topic.id());
    }
    if (message != null) {
      reply.put("message", message);
    }
    if (!socket.isClosed()) {
      socket.writeTextMessage(reply.encode());
    }
  }
}
