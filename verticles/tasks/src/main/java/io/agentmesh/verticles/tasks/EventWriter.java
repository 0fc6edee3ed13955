package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.tasks.TaskEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores the events of every attempt running on this node. A write starts at once when fewer than four are in
 * flight; batches handed over meanwhile wait and go together in the next statement, whatever task they belong to:
 * 1,000 tasks streaming cost a few statements per delta interval, not 1,000, and an idle node adds no delay.
 * Touched only by the tasks verticle's event loop.
 */
final class EventWriter {

  private static final int MAX_EVENTS = 2000;
  /**
   * Statements in flight at once. An attempt has one write in flight at a time, so two statements never hold the
   * same task and each task's events stay in order. Each waits for its commit to reach the disk: with two, 1,000
   * streaming tasks queued behind the flushes (fan-out p50 36-45 ms); with four, PostgreSQL flushes their commits
   * together (p50 4-6 ms).
   */
  private static final int IN_FLIGHT = 4;
  private static final String DEADLOCK = "40P01";

  private record Waiting(TaskEventLog.EventBatch batch, Promise<Optional<List<TaskEvent>>> stored) {
  }

  private final TaskEventLog log;
  private final List<Waiting> waiting = new ArrayList<>();
  private int writing;

  EventWriter(TaskEventLog log) {
    this.log = log;
  }

  /** Stores one attempt's events in order; empty when its lease is no longer held. */
  Future<Optional<List<TaskEvent>>> write(TaskQueue.Lease lease, List<String> types, List<JsonObject> data) {
    Promise<Optional<List<TaskEvent>>> stored = Promise.promise();
    waiting.add(new Waiting(new TaskEventLog.EventBatch(lease, types, data), stored));
    flush();
    return stored.future();
  }

  private void flush() {
    if (writing >= IN_FLIGHT || waiting.isEmpty()) {
      return;
    }
    writing++;
    List<Waiting> taken = new ArrayList<>();
    int events = 0;
    while (!waiting.isEmpty() && (taken.isEmpty() || events + waiting.get(0).batch().types().size() <= MAX_EVENTS)) {
      Waiting next = waiting.remove(0);
      events += next.batch().types().size();
      taken.add(next);
    }
    List<TaskEventLog.EventBatch> batches = taken.stream().map(Waiting::batch).toList();
    // Another statement locking the same rows in another order is a deadlock PostgreSQL breaks by failing one:
    // this one runs again once.
    log.events(batches).recover(failure -> failure instanceof PgException pg && DEADLOCK.equals(pg.getSqlState())
        ? log.events(batches) : Future.failedFuture(failure))
      .onComplete(done -> {
        writing--;
        for (int i = 0; i < taken.size(); i++) {
          Promise<Optional<List<TaskEvent>>> stored = taken.get(i).stored();
          if (done.succeeded()) {
            stored.complete(Optional.ofNullable(done.result().get(i)));
          } else {
            stored.fail(done.cause());
          }
        }
        flush();
      });
  }
}
