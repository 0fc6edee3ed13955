package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.agents.AgentStatusUpdate;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.vertx.core.eventbus.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an agent's status in the agents domain in step with its tasks: {@code running} when this node starts the
 * agent's first attempt, {@code idle} when its last active task (on any node) ends. Reported as the task's user; a failure to report is logged, never
 * the task's failure.
 */
final class AgentStatusReporter {

  private static final Logger LOG = LoggerFactory.getLogger(AgentStatusReporter.class);
  private static final long TIMEOUT_MS = 5000;

  private final EventBus bus;
  private final TaskStore store;

  AgentStatusReporter(EventBus bus, TaskStore store) {
    this.bus = bus;
    this.store = store;
  }

  /** Attempts running on this node per agent: only the first start and the last end are worth a report. */
  private final java.util.Map<String, Integer> runningHere = new java.util.HashMap<>();

  void started(Principal owner, String agentId, String taskId) {
    if (runningHere.merge(agentId, 1, Integer::sum) == 1) {
      report(owner, new AgentStatusUpdate(agentId, "running", "task " + taskId));
    }
  }

  void ended(Principal owner, String agentId, String taskId) {
    if (runningHere.merge(agentId, -1, Integer::sum) > 0) {
      return;
    }
    runningHere.remove(agentId);
    store.agentBusy(agentId).onSuccess(busy -> {
      if (!busy) {
        report(owner, new AgentStatusUpdate(agentId, "idle", "task " + taskId + " ended"));
      }
    });
  }

  private void report(Principal owner, AgentStatusUpdate update) {
    bus.request(AgentsAddresses.SET_STATUS, update, BusHeaders.deliveryOptions(owner, null, TIMEOUT_MS))
      .onFailure(failure -> LOG.debug("Agent {} status {} not reported: {}", update.agentId(), update.status(),
        failure.getMessage()));
  }
}
