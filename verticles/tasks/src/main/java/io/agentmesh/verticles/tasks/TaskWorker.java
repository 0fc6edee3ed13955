package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.storage.UniqueViolation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This node's workers: claims queued tasks up to {@code tasks.worker_concurrency} (woken at once by
 * {@link TasksAddresses#WAKE}, polling as a fallback), runs each attempt, renews its leases by heartbeat (a lease it
 * no longer holds, or a task being cancelled, stops that attempt), and sweeps lapsed leases of dead nodes. It claims
 * only once its node is ready (every local domain deployed): an attempt started earlier would find the domains it
 * calls missing. On shutdown it stops claiming and hands its running tasks over at once, their leases given back
 * without costing an attempt, so another node (or this one restarted) resumes them, paying the interrupted model
 * call again. Touched only by the verticle's event loop.
 */
final class TaskWorker {

  private static final Logger LOG = LoggerFactory.getLogger(TaskWorker.class);
  private static final long RACE_RETRY_MS = 20;
  private static final long HANDOVER_MS = 2000;

  private final Vertx vertx;
  private final TaskQueue queue;
  private final EventWriter events;
  private final AgentLoop loop;
  private final TaskOptions options;
  private final String owner;
  private final Map<String, TaskRun> running = new HashMap<>();
  private int reserved;
  private boolean claiming;
  private boolean wanted;
  private boolean drainedQueue;
  private boolean stopping;
  private Promise<Void> drained;

  TaskWorker(Vertx vertx, TaskQueue queue, TaskEventLog log, AgentLoop loop, TaskOptions options, String owner) {
    this.vertx = vertx;
    this.queue = queue;
    this.events = new EventWriter(log);
    this.loop = loop;
    this.options = options;
    this.owner = owner;
  }

  /** Starts now, or once {@code ready} completes (the node's local domains are deployed). */
  void start(Future<?> ready) {
    ready.onSuccess(v -> start());
  }

  private void start() {
    vertx.eventBus().<String>consumer(TasksAddresses.WAKE, wake -> {
      if (running.containsKey(wake.body())) {
        heartbeat();
      } else {
        drainedQueue = false;
        fill();
      }
    });
    vertx.setPeriodic(options.pollMs(), t -> fill());
    vertx.setPeriodic(Math.max(100, options.leaseMs() / 3), t -> heartbeat());
    vertx.setPeriodic(options.sweepMs(), t -> sweep());
    fill();
  }

  /** Claims as many tasks as there are free slots; again while claims keep filling them. */
  void fill() {
    int free = options.concurrency() - running.size() - reserved;
    if (stopping || free <= 0) {
      return;
    }
    if (claiming) {
      wanted = true;
      return;
    }
    claiming = true;
    wanted = false;
    queue.claim(owner, free, options.leaseMs()).onComplete(claimed -> {
      claiming = false;
      if (claimed.failed()) {
        if (UniqueViolation.on(claimed.cause(), "tasks_one_active_per_session")) {
          // lost a race for a session to another node's claim; a later snapshot sees that node's task
          vertx.setTimer(RACE_RETRY_MS, t -> fill());
        } else {
          LOG.warn("Claiming tasks failed: {}", claimed.cause().getMessage());
        }
        return;
      }
      claimed.result().forEach(this::run);
      drainedQueue = claimed.result().size() < free;
      if (wanted || claimed.result().size() == free) {
        fill();
      }
    });
  }

  /**
   * A slot for a task submitted on this node to start in its own insert, or null. Only while this worker has a free
   * slot, no claim in flight and its last claim left nothing it could take: a task submitted then would otherwise
   * wait for the wake-up and a claim of its own, and no older task is passed over.
   */
  String reserve() {
    if (stopping || claiming || !drainedQueue || running.size() + reserved >= options.concurrency()) {
      return null;
    }
    reserved++;
    return owner;
  }

  /** The reserved slot's outcome: the task it started, or none (the task queued, or the insert failed). */
  void reserved(Optional<TaskQueue.Claimed> started) {
    reserved--;
    started.ifPresentOrElse(this::run, this::fill);
  }

  private void run(TaskQueue.Claimed claimed) {
    TaskRun run = new TaskRun(events, vertx.eventBus(), claimed.lease());
    running.put(claimed.task().id(), run);
    loop.run(claimed, run).onComplete(done -> {
      running.remove(claimed.task().id());
      if (done.failed() && !(done.cause() instanceof TaskRun.LeaseLost)) {
        LOG.error("Task {} attempt {} ended abnormally", claimed.task().id(), claimed.task().attempt(), done.cause());
      }
      if (stopping && running.isEmpty() && drained != null) {
        drained.tryComplete();
      }
      fill();
    });
  }

  private void heartbeat() {
    if (running.isEmpty()) {
      return;
    }
    List<String> ids = List.copyOf(running.keySet());
    queue.renew(owner, ids, options.leaseMs()).onSuccess(held -> {
      for (String id : ids) {
        TaskRun run = running.get(id);
        if (run == null) {
          continue;
        }
        String status = held.get(id);
        if (status == null) {
          run.cancellation.fire("lease lost");
        } else if (status.equals("cancelling")) {
          run.cancellation.fire("cancelled");
        }
      }
    }).onFailure(failure -> LOG.warn("Renewing leases failed: {}", failure.getMessage()));
  }

  private void sweep() {
    queue.sweep().onSuccess(events -> {
      events.forEach(event -> vertx.eventBus().publish(TasksAddresses.EVENTS, event));
      fill();
    }).onFailure(failure -> LOG.warn("Sweeping leases failed: {}", failure.getMessage()));
  }

  /**
   * Graceful shutdown: no more claims; running tasks are handed over at once. The leases go back first (the
   * attempts' later writes are fenced), uncharged; then the attempts stop, and this completes when they have.
   */
  Future<Void> drain() {
    stopping = true;
    if (running.isEmpty()) {
      return Future.succeededFuture();
    }
    drained = Promise.promise();
    vertx.setTimer(HANDOVER_MS, t -> drained.tryComplete()); // an attempt deaf to cancellation does not hold the stop
    List<TaskRun> runs = List.copyOf(running.values()); // a copy: a stopping attempt leaves the running map
    Future.join(runs.stream().map(run -> queue.release(run.lease, 0, TaskQueue.Charge.HANDED_OVER)).toList())
      .onComplete(released -> {
        runs.forEach(run -> run.cancellation.fire("lease lost"));
        vertx.eventBus().publish(TasksAddresses.WAKE, "released"); // another node's workers take them now
      });
    return drained.future();
  }
}
