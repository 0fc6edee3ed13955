package io.agentmesh.verticles.gateway.mcp;

import io.agentmesh.contract.mcp.McpCallCancelled;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;

/**
 * Tool calls in flight on this gateway instance, by session and JSON-RPC id. A client's cancellation may arrive on
 * any node: it is published on the bus, and the instance holding the call ends it without a response; the tool's
 * answer, when it comes later, is dropped. (The tool itself runs to its end: its domain is not interrupted.)
 */
final class McpCalls {

  private record Key(String sessionId, String requestId) {
  }

  private final Vertx vertx;
  private final Map<Key, Runnable> pending = new HashMap<>();

  McpCalls(Vertx vertx) {
    this.vertx = vertx;
    vertx.eventBus().<McpCallCancelled>consumer(ToolsAddresses.CALL_CANCELLED, cancelled -> {
      Runnable end = pending.remove(new Key(cancelled.body().sessionId(), cancelled.body().requestId()));
      if (end != null) {
        end.run();
      }
    });
  }

  /** False when a call with this id is already in flight in the session (MCP ids are unique per session). */
  boolean track(String sessionId, String requestId, Runnable onCancel) {
    return pending.putIfAbsent(new Key(sessionId, requestId), onCancel) == null;
  }

  /** False when the call was cancelled meanwhile: its result must not be sent. */
  boolean complete(String sessionId, String requestId) {
    return pending.remove(new Key(sessionId, requestId)) != null;
  }

  public void cancel(String sessionId, String requestId) {
    vertx.eventBus().publish(ToolsAddresses.CALL_CANCELLED, new McpCallCancelled(sessionId, requestId));
  }
}
