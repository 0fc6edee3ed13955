package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.verticles.tasks.providers.Cancellation;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * One attempt of a task as it runs: its lease, its cancellation, and its events, written in order (each after the
 * previous one is stored, so sequence numbers follow what was said) and published once stored. A write refused
 * because the lease is gone cancels the attempt: a stale worker stops instead of talking on.
 */
final class TaskRun {

  /** The attempt lost its lease: another worker owns the task now. */
  static final class LeaseLost extends RuntimeException {
    LeaseLost() {
      super("the lease is no longer held", null, false, false);
    }
  }

  final TaskStore.Lease lease;
  final Cancellation cancellation = new Cancellation();
  private final TaskStore store;
  private final EventBus bus;
  private Future<Void> tail = Future.succeededFuture();

  TaskRun(TaskStore store, EventBus bus, TaskStore.Lease lease) {
    this.store = store;
    this.bus = bus;
    this.lease = lease;
  }

  /** Stores and publishes an event after every earlier one; fails with {@link LeaseLost} when fenced out. */
  Future<Void> emit(String type, JsonObject data) {
    tail = tail.compose(previous -> store.event(lease, type, data)).compose(stored -> {
      if (stored.isEmpty()) {
        cancellation.fire("lease lost");
        return Future.failedFuture(new LeaseLost());
      }
      publish(stored.get());
      return Future.succeededFuture();
    });
    return tail;
  }

  /** Waits for every event emitted so far to be stored. */
  Future<Void> flushed() {
    return tail;
  }

  void publish(TaskEvent event) {
    bus.publish(TasksAddresses.EVENTS, event);
  }
}
