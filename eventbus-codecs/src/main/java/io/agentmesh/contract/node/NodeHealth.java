package io.agentmesh.contract.node;

import java.util.List;

/**
 * A node's view of its own readiness: one check per dependency (PostgreSQL, Redis, cluster) and per local domain.
 */
public record NodeHealth(String nodeId, List<Check> checks) {

  public NodeHealth {
    checks = List.copyOf(checks);
  }

  public boolean up() {
    return checks.stream().allMatch(Check::up);
  }

  /** One named check; {@code detail} says why it is down. */
  public record Check(String name, boolean up, String detail) {
  }
}
