package io.agentmesh.verticles.gateway.mcp;

import io.agentmesh.contract.mcp.CallNotice;
import io.agentmesh.contract.mcp.ClientReply;
import io.agentmesh.contract.mcp.ClientRequest;
import io.agentmesh.contract.mcp.ClientResponse;
import io.agentmesh.contract.mcp.McpSession;
import io.agentmesh.contract.mcp.StreamEvent;
import io.agentmesh.contract.mcp.StreamResume;
import io.agentmesh.contract.tools.ToolCallChannel;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * This gateway instance's own bus address, through which an MCP call's parts meet when they are on different
 * instances or nodes: a running tool's notices and questions reach the call's stream; a client's answer to a server
 * request, POSTed to any node, reaches the instance that asked (its address is in the request id); a client
 * resuming a stream elsewhere gets the events it missed and the rest. Touched only by this instance's event loop.
 */
final class McpRelay {

  /** How long a stream whose client went away stays resumable after the call ended. */
  private static final long LINGER_MS = 60_000;

  private final Vertx vertx;
  private final EventBus bus;
  final String id;
  final String address;
  private long streams;
  private long asks;
  private final Map<String, McpExchange> exchanges = new HashMap<>();
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<String, HttpServerResponse> resumed = new HashMap<>();

  /** A server request waiting for the client: which call asked, and the tool's message to answer. */
  private record Pending(McpExchange exchange, Message<Object> question) {
  }

  McpRelay(Vertx vertx) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    this.id = HexFormat.of().formatHex(random);
    this.address = ToolsAddresses.RELAY_PREFIX + id;
    bus.consumer(address, this::receive);
  }

  /** A new exchange for a call on {@code ctx}; its tool reaches it with {@link #headers(McpExchange)}. */
  McpExchange open(RoutingContext ctx, McpSession session, Object progressToken) {
    String streamId = Long.toString(++streams, 36);
    McpExchange exchange = new McpExchange(ctx.response(), bus, id, streamId, session, progressToken);
    exchanges.put(streamId, exchange);
    exchange.onEnd(() -> ended(exchange));
    return exchange;
  }

  public Map<String, String> headers(McpExchange exchange) {
    return Map.of(ToolCallChannel.CHANNEL, address, ToolCallChannel.CALL_ID, exchange.streamId);
  }

  /** A client's response to a server request, relayed to the instance named in its id. */
  static boolean relay(EventBus bus, String sessionId, Object rpcId, JsonObject message) {
    String[] parts = rpcId instanceof String text ? text.split(":") : new String[0];
    if (parts.length != 3) {
      return false;
    }
    bus.send(ToolsAddresses.RELAY_PREFIX + parts[0], new ClientResponse(sessionId, (String) rpcId,
      message.getJsonObject("result") == null ? null : message.getJsonObject("result").getMap(),
      message.getJsonObject("error") == null ? null : message.getJsonObject("error").getMap()));
    return true;
  }

  /** GET with Last-Event-ID: this response carries the rest of the stream, from wherever it is held. */
  public void resume(RoutingContext ctx, String sessionId, String[] eventId) {
    HttpServerResponse response = ctx.response().setStatusCode(200).setChunked(true)
      .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store");
    String resumeId = Long.toString(++streams, 36) + "r";
    resumed.put(resumeId, response);
    response.closeHandler(closed -> resumed.remove(resumeId));
    response.write(": resuming\n\n");
    bus.request(ToolsAddresses.RELAY_PREFIX + eventId[0], new StreamResume(sessionId, eventId[1],
        Long.parseLong(eventId[2]), address, resumeId))
      .onFailure(gone -> endResumed(resumeId));
  }

  private void receive(Message<Object> message) {
    Object body = message.body();
    if (body instanceof CallNotice notice) {
      notice(notice);
    } else if (body instanceof ClientRequest request) {
      ask(message, request);
    } else if (body instanceof ClientResponse response) {
      answer(response);
    } else if (body instanceof StreamResume resume) {
      message.reply(null);
      resumeHere(resume);
    } else if (body instanceof StreamEvent event) {
      forwarded(event);
    }
  }

  private void notice(CallNotice notice) {
    McpExchange exchange = exchanges.get(notice.callId());
    if (exchange == null) {
      return;
    }
    Map<String, Object> params = notice.params();
    switch (notice.kind()) {
      case "progress" -> exchange.progress(((Number) params.getOrDefault("progress", 0)).doubleValue(),
        params.get("total"), (String) params.get("message"));
      case "log" -> exchange.log(String.valueOf(params.get("level")), String.valueOf(params.get("logger")),
        params.get("data"));
      case "reconnect" -> exchange.disconnect(((Number) params.getOrDefault("retry_ms", 1000)).longValue());
      default -> { }
    }
  }

  /** A tool asks the client: sent on the call's stream if the client declared it can answer. */
  private void ask(Message<Object> question, ClientRequest request) {
    McpExchange exchange = exchanges.get(request.callId());
    String capability = switch (request.method()) {
      case "sampling/createMessage" -> "sampling";
      case "elicitation/create" -> "elicitation";
      case "roots/list" -> "roots";
      default -> null;
    };
    if (exchange == null || exchange.finished()) {
      question.reply(refusal("The call has ended."));
    } else if (capability == null || !exchange.session.clientCan(capability)) {
      question.reply(refusal("The client does not support " + request.method() + "."));
    } else {
      String rpcId = id + ":" + exchange.streamId + ":q" + (++asks);
      pending.put(rpcId, new Pending(exchange, question));
      exchange.notify(new JsonObject().put("jsonrpc", "2.0").put("id", rpcId).put("method", request.method())
        .put("params", new JsonObject(request.params())));
    }
  }

  private void answer(ClientResponse response) {
    Pending waiting = pending.get(response.rpcId());
    if (waiting == null || !waiting.exchange().session.id().equals(response.sessionId())) {
      return;
    }
    pending.remove(response.rpcId());
    waiting.question().reply(new ClientReply(response.result(), response.error()));
  }

  private void resumeHere(StreamResume resume) {
    McpExchange exchange = exchanges.get(resume.streamId());
    if (exchange == null || !exchange.session.id().equals(resume.sessionId())) {
      bus.send(resume.replyTo(), new StreamEvent(resume.resumeId(), null, null, true));
      return;
    }
    exchange.resume(resume.afterSequence(), resume.replyTo(), resume.resumeId());
  }

  private void forwarded(StreamEvent event) {
    HttpServerResponse response = resumed.get(event.resumeId());
    if (response == null) {
      return;
    }
    if (event.data() != null) {
      response.write("id: " + event.eventId() + "\nevent: message\ndata: " + event.data() + "\n\n");
    }
    if (event.last()) {
      endResumed(event.resumeId());
    }
  }

  private void endResumed(String resumeId) {
    HttpServerResponse response = resumed.remove(resumeId);
    if (response != null && !response.ended()) {
      response.end();
    }
  }

  private void ended(McpExchange exchange) {
    pending.values().removeIf(waiting -> {
      if (waiting.exchange() == exchange) {
        waiting.question().reply(refusal("The call has ended."));
        return true;
      }
      return false;
    });
    if (exchange.resumable()) {
      vertx.setTimer(LINGER_MS, t -> exchanges.remove(exchange.streamId, exchange));
    } else {
      exchanges.remove(exchange.streamId, exchange);
    }
  }

  private static ClientReply refusal(String message) {
    return new ClientReply(null, Map.of("code", -32601, "message", message));
  }
}
