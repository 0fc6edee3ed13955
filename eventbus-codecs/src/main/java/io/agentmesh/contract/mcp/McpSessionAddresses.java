package io.agentmesh.contract.mcp;

/**
 * MCP sessions, kept by the mcp domain in PostgreSQL so that any node behind a load balancer can serve the next
 * request of a session. A session belongs to the user who opened it.
 */
public final class McpSessionAddresses {

  public static final String OPEN = "mcp.sessions.open";
  public static final String CHECK = "mcp.sessions.check";
  public static final String CLOSE = "mcp.sessions.close";
  /** logging/setLevel: the body names the session and the level. */
  public static final String SET_LEVEL = "mcp.sessions.set_level";
  /** resources/subscribe and unsubscribe ({@link McpSubscription}). */
  public static final String SUBSCRIBE = "mcp.subscriptions.add";
  public static final String UNSUBSCRIBE = "mcp.subscriptions.remove";
  /** Sent (not published: one registry instance handles it) with a session id of memory whose transcript changed. */
  public static final String TRANSCRIPT_CHANGED = "mcp.resources.transcript_changed";
  /** Published ({@link McpNotification}) for the gateway that holds the MCP session's stream. */
  public static final String NOTIFY = "events.mcp.notify";
  /** Published (the session id) when a session changes or ends: every cache of it, on every node, drops it. */
  public static final String CHANGED = "events.mcp.sessions.changed";

  private McpSessionAddresses() {
  }
}
