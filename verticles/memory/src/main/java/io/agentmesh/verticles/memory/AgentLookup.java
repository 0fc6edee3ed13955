package io.agentmesh.verticles.memory;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

/** Asks the agents domain for an agent as the caller of a request: someone else's agent is "not found" to them too. */
final class AgentLookup {

  private static final long TIMEOUT_MS = 5000;

  private final EventBus bus;

  AgentLookup(EventBus bus) {
    this.bus = bus;
  }

  Future<Agent> asCallerOf(Message<?> request, String agentId) {
    return bus.<Agent>request(AgentsAddresses.GET, new ResourceId(agentId), BusHeaders.deliveryOptions(
        BusHeaders.principal(request), BusHeaders.requestId(request), TIMEOUT_MS))
      .map(reply -> reply.body());
  }
}
