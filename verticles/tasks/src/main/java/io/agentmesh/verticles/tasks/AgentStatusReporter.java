package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.agents.AgentStatusUpdate;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps an agent's status in the agents domain in step with its tasks: {@code running} when this node starts the
 * agent's first attempt, {@code idle} when its last active task (on any node) ends. Going idle waits
 * {@link #IDLE_AFTER_MS}: an agent whose next task starts on this node within it never stopped running, and neither
 * report is made (an agent serving one request after another would otherwise write its status twice per task).
 * Reported as the task's user; a failure to report is logged, never the task's failure.
 */
final class AgentStatusReporter {

  private static final Logger LOG = LoggerFactory.getLogger(AgentStatusReporter.class);
  private static final long TIMEOUT_MS = 5000;
  static final long IDLE_AFTER_MS = 200;

  /** An idle report waiting for its timer. */
  private record GoingIdle(long timer, Supplier<Future<?>> report) {
  }

  private final Vertx vertx;
  private final TaskQueue queue;
  /** Attempts running on this node per agent: only the first start and the last end are worth a report. */
  private final Map<String, Integer> runningHere = new HashMap<>();
  private final Map<String, GoingIdle> goingIdle = new HashMap<>();
  private boolean stopping;

  AgentStatusReporter(Vertx vertx, TaskQueue queue) {
    this.vertx = vertx;
    this.queue = queue;
  }

  void started(Principal owner, String agentId, String taskId) {
    if (runningHere.merge(agentId, 1, Integer::sum) > 1) {
      return;
    }
    GoingIdle pending = goingIdle.remove(agentId);
    if (pending != null && vertx.cancelTimer(pending.timer())) {
      return; // still reported running: it never stopped
    }
    report(owner, new AgentStatusUpdate(agentId, "running", "task " + taskId));
  }

  void ended(Principal owner, String agentId, String taskId) {
    if (runningHere.merge(agentId, -1, Integer::sum) > 0) {
      return;
    }
    runningHere.remove(agentId);
    Supplier<Future<?>> report = () -> queue.agentBusy(agentId).compose(busy -> busy ? Future.succeededFuture()
      : report(owner, new AgentStatusUpdate(agentId, "idle", "task " + taskId + " ended")));
    if (stopping) {
      report.get();
      return;
    }
    long timer = vertx.setTimer(IDLE_AFTER_MS, t -> {
      goingIdle.remove(agentId);
      report.get();
    });
    goingIdle.put(agentId, new GoingIdle(timer, report));
  }

  /** Shutdown: idle reports still waiting are made now, before their timers die with the verticle; later ones at once.
   * */
  Future<Void> flush() {
    stopping = true;
    List<Future<?>> reports = new ArrayList<>();
    goingIdle.values().forEach(pending -> {
      if (vertx.cancelTimer(pending.timer())) {
        reports.add(pending.report().get());
      }
    });
    goingIdle.clear();
    return Future.join(reports).mapEmpty();
  }

  private Future<?> report(Principal owner, AgentStatusUpdate update) {
    return vertx.eventBus().request(AgentsAddresses.SET_STATUS, update, BusHeaders.deliveryOptions(owner, null,
        TIMEOUT_MS))
      .onFailure(failure -> LOG.debug("Agent {} status {} not reported: {}", update.agentId(), update.status(),
        failure.getMessage()))
      .otherwiseEmpty();
  }
}
