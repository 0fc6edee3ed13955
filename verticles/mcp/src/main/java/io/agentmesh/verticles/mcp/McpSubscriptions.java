package io.agentmesh.verticles.mcp;

import io.agentmesh.contract.mcp.McpNotification;
import io.agentmesh.contract.mcp.McpSessionAddresses;
import io.agentmesh.contract.mcp.McpSubscription;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Resource subscriptions of MCP sessions, in PostgreSQL so they hold on every node. When a session transcript
 * changes, each open subscriber gets {@code notifications/resources/updated} through whichever gateway holds its
 * stream. The gateway checked that the caller may read the resource before subscribing.
 */
final class McpSubscriptions {

  static final String SESSION_URI = "agentmesh://sessions/";

  private final Pool pool;
  private final EventBus bus;
  private final McpSessions sessions;

  McpSubscriptions(Pool pool, EventBus bus, McpSessions sessions) {
    this.pool = pool;
    this.bus = bus;
    this.sessions = sessions;
  }

  Future<Void> subscribe(Message<McpSubscription> message) {
    McpSubscription subscription = message.body();
    return sessions.check(message, subscription.sessionId())
      .compose(session -> pool.preparedQuery("INSERT INTO subscriptions (session_id, uri) VALUES ($1, $2) "
        + "ON CONFLICT DO NOTHING").execute(Tuple.of(session.id(), subscription.uri())).mapEmpty());
  }

  Future<Void> unsubscribe(Message<McpSubscription> message) {
    McpSubscription subscription = message.body();
    return sessions.check(message, subscription.sessionId())
      .compose(session -> pool.preparedQuery("DELETE FROM subscriptions WHERE session_id = $1 AND uri = $2")
        .execute(Tuple.of(session.id(), subscription.uri())).mapEmpty());
  }

  /** A memory session's transcript changed: tell every open MCP session subscribed to it. */
  void transcriptChanged(String memorySessionId) {
    String uri = SESSION_URI + memorySessionId;
    String notification = new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/resources/updated")
      .put("params", new JsonObject().put("uri", uri)).encode();
    pool.preparedQuery("SELECT s.session_id FROM subscriptions s JOIN sessions m ON m.id = s.session_id "
        + "WHERE s.uri = $1 AND m.closed_at IS NULL").execute(Tuple.of(uri))
      .onSuccess(rows -> rows.forEach(row -> bus.publish(McpSessionAddresses.NOTIFY,
        new McpNotification(row.getString("session_id"), notification))));
  }

}
