package io.agentmesh.verticles.gateway.mcp;

import io.agentmesh.contract.mcp.McpSession;
import io.agentmesh.contract.mcp.StreamEvent;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one MCP request that may talk before it answers (a tool call). It starts as a plain JSON response
 * and becomes a server-sent event stream the moment there is something to say first (progress, a log message, a
 * request to the client). Stream events carry ids ({@code <relay>:<stream>:<sequence>}) and are kept while the
 * call runs, so a client whose connection ended (or was ended on purpose, for polling) resumes with
 * {@code Last-Event-ID} on any node and misses nothing.
 */
final class McpExchange {

  /** Events kept per stream for resumption; a call saying more than this loses its oldest events. */
  private static final int KEPT_EVENTS = 1000;
  private static final long RETRY_MS = 1000;

  private record Event(long sequence, String id, String data) {
  }

  private record Forward(String replyTo, String resumeId) {
  }

  private final HttpServerResponse response;
  private final EventBus bus;
  private final String eventPrefix;
  final String streamId;
  final McpSession session;
  private final Object progressToken;
  private final List<Event> events = new ArrayList<>();
  private long sequence;
  private boolean streaming;
  private boolean attached = true;
  private boolean finished;
  private double lastProgress = -1;
  private Forward forward;
  private Runnable onEnd = () -> { };

  McpExchange(HttpServerResponse response, EventBus bus, String relayId, String streamId, McpSession session,
              Object progressToken) {
    this.response = response;
    this.bus = bus;
    this.eventPrefix = relayId + ":" + streamId + ":";
    this.streamId = streamId;
    this.session = session;
    this.progressToken = progressToken;
    response.closeHandler(closed -> attached = false);
  }

  /** Runs when the exchange is over; if it is still {@link #resumable()} then, its events stay a while. */
  void onEnd(Runnable action) {
    this.onEnd = action;
  }

  /** Whether the answer is already a stream (a log line more costs nothing then). */
  boolean streaming() {
    return streaming;
  }

  boolean finished() {
    return finished;
  }

  /** Whether a client may still come back for this stream's events. */
  boolean resumable() {
    return streaming && forward == null && !attached;
  }

  /** {@code notifications/progress}, only with a progress token, and only when the value grows (as MCP requires). */
  void progress(double progress, Object total, String message) {
    if (progressToken == null || progress <= lastProgress) {
      return;
    }
    lastProgress = progress;
    JsonObject params = new JsonObject().put("progressToken", progressToken).put("progress", progress);
    if (total != null) {
      params.put("total", total);
    }
    if (message != null) {
      params.put("message", message);
    }
    notify(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/progress").put("params", params));
  }

  /** {@code notifications/message} when the session's level lets it through. */
  void log(String level, String logger, Object data) {
    if (session.wants(level)) {
      notify(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/message")
        .put("params", new JsonObject().put("level", level).put("logger", logger).put("data", data)));
    }
  }

  /** A notification or a server request: the answer becomes a stream if it was not one already. */
  void notify(JsonObject message) {
    if (finished) {
      return;
    }
    startStream();
    event(message.encode());
  }

  /** The JSON-RPC response: the end of the exchange. */
  void respond(JsonObject message) {
    if (finished) {
      return;
    }
    if (!streaming) {
      finished = true;
      if (attached) {
        response.setStatusCode(200).putHeader("Content-Type", "application/json").end(message.encode());
      }
      onEnd.run();
      return;
    }
    event(message.encode());
    finish();
  }

  /** The client cancelled: no response follows. */
  void abandon() {
    if (finished) {
      return;
    }
    if (!streaming && attached) {
      finished = true;
      response.setStatusCode(202).end();
      onEnd.run();
      return;
    }
    finish();
  }

  /** Ends the client's connection now (SEP-1699 polling); the client resumes with Last-Event-ID after the retry. */
  void disconnect(long retryMs) {
    if (finished || !attached) {
      return;
    }
    startStream();
    response.write("retry: " + retryMs + "\n\n");
    attached = false;
    response.end();
  }

  /** Another instance now holds the client's connection: replay what it missed, then forward what follows. */
  public void resume(long afterSequence, String replyTo, String resumeId) {
    if (attached) {
      attached = false;
      response.end();
    }
    forward = new Forward(replyTo, resumeId);
    for (Event event : events) {
      if (event.sequence() > afterSequence) {
        bus.send(replyTo, new StreamEvent(resumeId, event.id(), event.data(), false));
      }
    }
    if (finished) {
      bus.send(replyTo, new StreamEvent(resumeId, null, null, true));
      onEnd.run();
    }
  }

  private void startStream() {
    if (streaming) {
      return;
    }
    streaming = true;
    if (!attached) {
      return;
    }
    response.setStatusCode(200).setChunked(true)
      .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store");
    if ("2025-11-25".compareTo(session.protocolVersion()) <= 0) {
      // The priming event (SEP-1699): an id to resume from before anything else is said.
      response.write("id: " + eventPrefix + "0\nretry: " + RETRY_MS + "\ndata: \n\n");
    }
  }

  private void event(String data) {
    Event event = new Event(++sequence, eventPrefix + sequence, data);
    events.add(event);
    if (events.size() > KEPT_EVENTS) {
      events.remove(0);
    }
    if (forward != null) {
      bus.send(forward.replyTo(), new StreamEvent(forward.resumeId(), event.id(), data, false));
    } else if (attached) {
      response.write("id: " + event.id() + "\nevent: message\ndata: " + data + "\n\n");
    }
  }

  private void finish() {
    finished = true;
    if (attached) {
      attached = false;
      response.end();
    }
    if (forward != null) {
      bus.send(forward.replyTo(), new StreamEvent(forward.resumeId(), null, null, true));
    }
    onEnd.run();
  }

  /** Parses {@code <relay>:<stream>:<sequence>}; null when the id is not one of ours. */
  static String[] parseEventId(String id) {
    String[] parts = id == null ? new String[0] : id.split(":");
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return null;
    }
    try {
      Long.parseLong(parts[2]);
      return parts;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
