package io.agentmesh.verticles.gateway.mcp;

import io.agentmesh.contract.mcp.McpNotification;
import io.agentmesh.contract.mcp.McpSessionAddresses;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.agentmesh.verticles.gateway.security.Caller;
import io.agentmesh.verticles.gateway.security.CredentialWatch;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The open MCP server streams of this gateway instance (touched only by its event loop). A change of the tool
 * registry, announced on the bus by whichever node saw it, becomes a {@code notifications/tools/list_changed} event
 * on every open stream; a notification for one MCP session (a subscribed resource changed) goes to its streams.
 */
final class McpStreams {

  private static final long KEEP_ALIVE_MS = 25_000;
  private static final String LIST_CHANGED = new JsonObject().put("jsonrpc", "2.0")
    .put("method", "notifications/tools/list_changed").encode();

  /** Open streams and the MCP session each belongs to. */
  private final Map<HttpServerResponse, String> open = new LinkedHashMap<>();

  private final CredentialWatch credentials;

  McpStreams(Vertx vertx, CredentialWatch credentials) {
    this.credentials = credentials;
    vertx.eventBus().<String>consumer(ToolsAddresses.CHANGED, changed -> open.keySet()
      .forEach(response -> event(response, LIST_CHANGED)));
    vertx.eventBus().<McpNotification>consumer(McpSessionAddresses.NOTIFY, notification -> open.forEach(
      (response, session) -> {
        if (session.equals(notification.body().sessionId())) {
          event(response, notification.body().message());
        }
      }));
    vertx.setPeriodic(KEEP_ALIVE_MS, timer -> open.keySet().forEach(response -> response.write(": keep-alive\n\n")));
  }

  void open(RoutingContext ctx, String sessionId) {
    HttpServerResponse response = ctx.response()
      .setChunked(true)
      .putHeader("Content-Type", "text/event-stream")
      .putHeader("Cache-Control", "no-store");
    open.put(response, sessionId);
    Runnable forget = credentials.watch(Caller.of(ctx), reason -> {
      open.remove(response);
      response.end("event: stream.ended\ndata: {\"reason\":\"" + reason + "\"}\n\n");
    });
    response.closeHandler(closed -> {
      open.remove(response);
      forget.run();
    });
    response.endHandler(ended -> forget.run());
    response.write(": stream open\n\n");
  }

  public void closeAll() {
    for (HttpServerResponse response : Set.copyOf(open.keySet())) {
      response.end();
    }
    open.clear();
  }

  private static void event(HttpServerResponse response, String message) {
    response.write("event: message\ndata: " + message + "\n\n");
  }
}
