package io.agentmesh.node.config;

/** A role a node may take: the verticle that implements it and how many instances to deploy. */
public record RoleSpec(String name, String verticle, int instances) {

  /** Every role except the gateway is a domain: it owns data and answers {@code <domain>.ping}. */
  public boolean isDomain() {
    return !"gateway".equals(name);
  }
}
