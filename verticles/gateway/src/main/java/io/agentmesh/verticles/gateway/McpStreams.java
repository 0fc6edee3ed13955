package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.tools.ToolsAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The open MCP server streams of this gateway instance (touched only by its event loop). A change of the tool
 * registry, announced on the bus by whichever node saw it, becomes a {@code notifications/tools/list_changed} event
 * on every open stream.
 */
final class McpStreams {

  private static final long KEEP_ALIVE_MS = 25_000;
  private static final String LIST_CHANGED = new JsonObject().put("jsonrpc", "2.0")
    .put("method", "notifications/tools/list_changed").encode();

  private final Set<HttpServerResponse> open = new LinkedHashSet<>();

  McpStreams(Vertx vertx) {
    vertx.eventBus().<String>consumer(ToolsAddresses.CHANGED, changed -> broadcast(LIST_CHANGED));
    vertx.setPeriodic(KEEP_ALIVE_MS, timer -> open.forEach(response -> response.write(": keep-alive\n\n")));
  }

  void open(RoutingContext ctx) {
    HttpServerResponse response = ctx.response()
      .setChunked(true)
      .putHeader("Content-Type", "text/event-stream")
      .putHeader("Cache-Control", "no-store");
    open.add(response);
    response.closeHandler(closed -> open.remove(response));
    response.write(": stream open\n\n");
  }

  void closeAll() {
    for (HttpServerResponse response : Set.copyOf(open)) {
      response.end();
    }
    open.clear();
  }

  private void broadcast(String message) {
    open.forEach(response -> response.write("event: message\ndata: " + message + "\n\n"));
  }
}
