package io.agentmesh.contract.node;

/** Addresses a node serves for its own verticles only (registered local, sent with {@code localOnly}). */
public final class NodeAddresses {

  /** Answers a {@link NodeHealth} for this node's dependencies and local domains. */
  public static final String HEALTH = "node.health";

  /**
   * Published locally once, when every role of the node is deployed: work that calls other domains (the task
   * workers) starts then. Verticles whose config has {@link #AWAIT_READY_KEY} true wait for it.
   */
  public static final String READY = "node.ready";
  public static final String AWAIT_READY_KEY = "await_node_ready";

  private NodeAddresses() {
  }
}
