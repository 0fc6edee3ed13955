package io.agentmesh.contract.node;

/** Addresses a node serves for its own verticles only (registered local, sent with {@code localOnly}). */
public final class NodeAddresses {

  /** Answers a {@link NodeHealth} for this node's dependencies and local domains. */
  public static final String HEALTH = "node.health";

  private NodeAddresses() {
  }
}
