package io.agentmesh.contract;

import io.agentmesh.contract.node.NodeHealth;
import io.agentmesh.contract.ping.PingReply;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** One filled-in instance of every message record of the contract; a test fails when a record has none here. */
final class MessageSamples {

  static final Map<Class<? extends Record>, Record> ALL = Map.of(
    PingReply.class, new PingReply("probe", "node-1"),
    NodeHealth.class, new NodeHealth("node-1", List.of(new NodeHealth.Check("postgres", true, null),
      new NodeHealth.Check("redis", false, "connection refused"))),
    NodeHealth.Check.class, new NodeHealth.Check("cluster", true, null),
    Principal.class, new Principal("usr_1", Set.of("admin"), Set.of("agents:read")),
    FieldError.class, new FieldError("name", "must not be empty"));

  private MessageSamples() {
  }
}
