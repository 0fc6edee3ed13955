package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.verticles.tasks.providers.Cancellation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One attempt of a task as it runs: its lease, its cancellation, and its events, stored in the order they were
 * said and published once stored. While one write is in flight, the events said meanwhile wait and go together in
 * the next (a burst of deltas costs one write, not one each). A write refused because the lease is gone cancels
 * the attempt: a stale worker stops instead of talking on. The end of the attempt takes the events still waiting
 * into its own write.
 */
final class TaskRun {

  private static final int MAX_BATCH = 200;

  /** The attempt lost its lease: another worker owns the task now. */
  static final class LeaseLost extends RuntimeException {
    LeaseLost() {
      super("the lease is no longer held", null, false, false);
    }
  }

  private record Pending(String type, JsonObject data, Promise<Void> stored) {
  }

  final TaskQueue.Lease lease;
  final Cancellation cancellation = new Cancellation();
  private final EventWriter writer;
  private final EventBus bus;
  private final List<Pending> pending = new ArrayList<>();
  private boolean writing;
  private boolean closing;
  private Promise<Void> idle;
  private Future<Void> last = Future.succeededFuture();

  TaskRun(EventWriter writer, EventBus bus, TaskQueue.Lease lease) {
    this.writer = writer;
    this.bus = bus;
    this.lease = lease;
  }

  /** Stores and publishes an event after every earlier one; fails with {@link LeaseLost} when fenced out. */
  Future<Void> emit(String type, JsonObject data) {
    if (closing) {
      return Future.failedFuture(new IllegalStateException("the attempt has ended"));
    }
    Promise<Void> stored = Promise.promise();
    pending.add(new Pending(type, data, stored));
    last = stored.future();
    write();
    return stored.future();
  }

  /** Completes when every event emitted so far is stored (fails if one could not be). */
  Future<Void> flushed() {
    return last;
  }

  void publish(TaskEvent event) {
    bus.publish(TasksAddresses.EVENTS, event);
  }

  /** The end's write: the events still waiting (types, data) go in with the end's own; answers all of them stored. */
  interface LastWrite {
    Future<Optional<List<TaskEvent>>> write(List<String> types, List<JsonObject> data);
  }

  /**
   * Ends the attempt's writing: no new write starts; once the one in flight is done, {@code last} stores the events
   * still waiting together with the end (one statement, not two), and every event it stored is published in order.
   */
  Future<Optional<List<TaskEvent>>> close(LastWrite last) {
    closing = true;
    Future<Void> settled = writing ? (idle = Promise.promise()).future() : Future.succeededFuture();
    return settled.compose(v -> {
      List<Pending> batch = List.copyOf(pending);
      pending.clear();
      return last.write(batch.stream().map(Pending::type).toList(), batch.stream().map(Pending::data).toList())
        .onComplete(done -> {
          if (done.succeeded() && done.result().isPresent()) {
            done.result().get().forEach(this::publish);
            batch.forEach(event -> event.stored().tryComplete());
          } else {
            Throwable failure = done.failed() ? done.cause() : new LeaseLost();
            batch.forEach(event -> event.stored().tryFail(failure));
          }
        });
    });
  }

  private void write() {
    if (writing || pending.isEmpty() || closing) {
      if (!writing && idle != null) {
        idle.tryComplete();
      }
      return;
    }
    writing = true;
    List<Pending> batch = new ArrayList<>(pending.subList(0, Math.min(MAX_BATCH, pending.size())));
    pending.subList(0, batch.size()).clear();
    writer.write(lease, batch.stream().map(Pending::type).toList(), batch.stream().map(Pending::data).toList())
      .onComplete(done -> {
        writing = false;
        if (done.succeeded() && done.result().isPresent()) {
          done.result().get().forEach(this::publish);
          batch.forEach(event -> event.stored().tryComplete());
          write();
          return;
        }
        Throwable failure = done.failed() ? done.cause() : new LeaseLost();
        if (failure instanceof LeaseLost) {
          cancellation.fire("lease lost");
        }
        batch.forEach(event -> event.stored().tryFail(failure));
        pending.forEach(event -> event.stored().tryFail(failure));
        pending.clear();
        if (idle != null) {
          idle.tryComplete();
        }
      });
  }
}
