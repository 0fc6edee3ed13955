package io.agentmesh.contract.tools;

import io.agentmesh.contract.mcp.CallNotice;
import io.agentmesh.contract.mcp.ClientRequest;
import io.agentmesh.contract.mcp.ClientResponse;
import io.agentmesh.contract.mcp.McpCallCancelled;
import io.agentmesh.contract.mcp.StreamEvent;
import io.agentmesh.contract.mcp.StreamResume;
/** Addresses of the tool registry (the mcp domain) and the events that keep every node's view of it current. */
public final class ToolsAddresses {

  /** A domain declares its tools ({@link ToolRegistration}); the registry stores them in PostgreSQL. */
  public static final String REGISTER = "mcp.tools.register";
  public static final String LIST = "mcp.tools.list";
  public static final String GET = "mcp.tools.get";
  /** Calls a tool for the caller in the headers ({@link ToolCall} → {@link ToolResult}). */
  public static final String INVOKE = "mcp.tools.invoke";
  /** Published (the domain name) when a domain's tools changed. */
  public static final String CHANGED = "events.mcp.tools.changed";
  /** Published ({@link McpCallCancelled}) when an MCP client cancels a request, to reach the node running it. */
  public static final String CALL_CANCELLED = "events.mcp.calls.cancelled";
  /**
   * Prefix of each gateway instance's own address (the prefix and a random id): what a running tool sends its MCP
   * client ({@link CallNotice}, {@link ClientRequest}), client responses and stream resumptions relayed by other
   * nodes ({@link ClientResponse}, {@link StreamResume}, {@link StreamEvent}).
   */
  public static final String RELAY_PREFIX = "mcp.relay.";
  /** Federated MCP servers (admin): {@link UpstreamDraft} → {@link UpstreamServer}; list; get and remove by name. */
  public static final String UPSTREAM_ADD = "mcp.upstreams.add";
  public static final String UPSTREAM_LIST = "mcp.upstreams.list";
  public static final String UPSTREAM_GET = "mcp.upstreams.get";
  public static final String UPSTREAM_REMOVE = "mcp.upstreams.remove";
  /** Where every federated tool runs: the registry node that takes the call forwards it to the upstream server. */
  public static final String UPSTREAM_CALL = "mcp.upstreams.call";
  /** Published (the server's name) when one is added or removed: every mcp node connects or disconnects. */
  public static final String UPSTREAM_CHANGED = "events.mcp.upstreams.changed";
  public static final int MAX_UPSTREAMS = 100;
  /** Separates a federated tool's server from its own name: {@code <server>__<tool>}. */
  public static final String UPSTREAM_SEPARATOR = "__";
  /** Published when a registry starts: every domain registers its tools again, whichever started first. */
  public static final String REGISTRY_STARTED = "events.mcp.registry.started";

  private ToolsAddresses() {
  }
}
