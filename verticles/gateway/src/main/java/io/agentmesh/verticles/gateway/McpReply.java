package io.agentmesh.verticles.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** How the answer to one MCP request travels: a single JSON body, or a stream of server-sent events. */
sealed interface McpReply {

  /** Reports progress (only a stream can). */
  void progress(double progress, String message);

  /** A log notification ({@code notifications/message}; only a stream can carry it). */
  void log(String level, String message);

  /** The JSON-RPC response; ends the exchange. */
  void send(JsonObject response);

  /** The client cancelled: end the exchange with no response. */
  void abandon();

  /** One JSON body; no progress can be reported. */
  record Json(RoutingContext ctx) implements McpReply {

    @Override
    public void progress(double progress, String message) {
    }

    @Override
    public void log(String level, String message) {
    }

    @Override
    public void send(JsonObject response) {
      ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(response.encode());
    }

    @Override
    public void abandon() {
      if (!ctx.response().ended()) {
        ctx.response().setStatusCode(202).end();
      }
    }
  }

  /** A server-sent event stream: progress notifications, then the response. */
  record Stream(RoutingContext ctx, Object progressToken) implements McpReply {

    public Stream {
      ctx.response().setStatusCode(200).setChunked(true)
        .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store");
    }

    @Override
    public void progress(double progress, String message) {
      event(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/progress").put("params",
        new JsonObject().put("progressToken", progressToken).put("progress", progress).put("total", 1)
          .put("message", message)));
    }

    @Override
    public void log(String level, String message) {
      event(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/message").put("params",
        new JsonObject().put("level", level).put("logger", "agentmesh").put("data", message)));
    }

    @Override
    public void send(JsonObject response) {
      event(response);
      ctx.response().end();
    }

    @Override
    public void abandon() {
      if (!ctx.response().ended()) {
        ctx.response().end();
      }
    }

    private void event(JsonObject message) {
      if (!ctx.response().ended()) {
        ctx.response().write("event: message\ndata: " + message.encode() + "\n\n");
      }
    }
  }
}
