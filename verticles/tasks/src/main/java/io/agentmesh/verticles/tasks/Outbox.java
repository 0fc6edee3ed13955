package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.memory.MessageBatch;
import io.agentmesh.contract.memory.MessageDraft;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries the messages tasks produced to the memory domain: rows written with each step are appended over the bus,
 * as the task's user, a session's pending rows in one batch (one write in memory), with their append keys (so a
 * redelivery is never a duplicate), and marked delivered once memory acknowledged them. One node delivers at a time
 * (a transaction-scoped advisory lock) so a session's messages arrive in order; sessions are delivered in parallel.
 * Kicked after each step, and polled.
 */
final class Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final int BATCH = 200;
  private static final long SEND_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Pool pool;
  private boolean running;
  private boolean again;

  Outbox(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  void start(long pollMs) {
    vertx.setPeriodic(pollMs, t -> kick());
  }

  /** Delivers what is pending now (or right after the delivery under way). */
  void kick() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    pool.withTransaction(this::deliverBatch)
      .onFailure(failure -> LOG.warn("Outbox delivery failed, will retry: {}", failure.getMessage()))
      .onComplete(done -> {
        running = false;
        if (again || done.succeeded() && done.result() == BATCH) {
          kick();
        }
      });
  }

  private Future<Integer> deliverBatch(SqlConnection conn) {
    return conn.query("SELECT pg_try_advisory_xact_lock(hashtext('tasks-outbox')) AS mine").execute()
      .compose(lock -> !lock.iterator().next().getBoolean("mine") ? Future.succeededFuture(0)
        : conn.preparedQuery("SELECT * FROM outbox WHERE delivered_at IS NULL ORDER BY id LIMIT $1")
          .execute(Tuple.of(BATCH)).compose(rows -> {
            Map<String, List<Row>> bySession = new LinkedHashMap<>();
            rows.forEach(row -> bySession.computeIfAbsent(row.getString("session_id"), s -> new ArrayList<>())
              .add(row));
            List<Future<List<Long>>> sessions = bySession.values().stream().map(this::deliverInOrder).toList();
            return Future.join(sessions).map(all -> {
              List<Long> delivered = new ArrayList<>();
              for (int i = 0; i < sessions.size(); i++) {
                delivered.addAll(sessions.get(i).result());
              }
              return delivered;
            }).compose(delivered -> delivered.isEmpty() ? Future.succeededFuture(0)
              : conn.preparedQuery("UPDATE outbox SET delivered_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(delivered.toArray(Long[]::new))).map(done -> rows.size()));
          }));
  }

  /**
   * A session's messages in order, a batch per run of one principal (one write in memory each); stops at the first
   * batch memory did not take (kept for later).
   */
  private Future<List<Long>> deliverInOrder(List<Row> rows) {
    List<Long> delivered = new ArrayList<>();
    Future<Boolean> chain = Future.succeededFuture(true);
    for (List<Row> run : runsOfOnePrincipal(rows)) {
      chain = chain.compose(ok -> !ok ? Future.succeededFuture(false) : append(run).map(done -> {
        run.forEach(row -> delivered.add(row.getLong("id")));
        return true;
      }).recover(failure -> {
        if (failure instanceof DomainException domain && domain.code() == ErrorCode.NOT_FOUND) {
          run.forEach(row -> delivered.add(row.getLong("id"))); // the session is gone: nothing to deliver to
          return Future.succeededFuture(true);
        }
        LOG.warn("Memory did not take {} message(s) from {} of task {}: {} {}", run.size(),
          run.get(0).getString("append_key"), run.get(0).getString("task_id"), failure.getMessage(),
          failure instanceof DomainException domain ? domain.errors() : "");
        return Future.succeededFuture(false);
      }));
    }
    return chain.map(done -> delivered);
  }

  /** Consecutive rows written by one principal (tasks of one session may have been submitted by different users). */
  private static List<List<Row>> runsOfOnePrincipal(List<Row> rows) {
    List<List<Row>> runs = new ArrayList<>();
    for (Row row : rows) {
      List<Row> current = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (current == null || !current.get(0).getString("principal").equals(row.getString("principal"))) {
        current = new ArrayList<>();
        runs.add(current);
      }
      current.add(row);
    }
    return runs;
  }

  private Future<Object> append(List<Row> run) {
    List<MessageDraft> drafts = run.stream().map(row -> new MessageDraft(null, row.getString("role"),
      plain(row.getValue("content")), null, row.getString("append_key"))).toList();
    Row first = run.get(0);
    return vertx.eventBus().request(MemoryAddresses.MESSAGE_APPEND_BATCH, new MessageBatch(
        first.getString("session_id"), drafts), BusHeaders.deliveryOptions(Principal.fromHeader(
        first.getString("principal")), first.getString("task_id"), SEND_TIMEOUT_MS))
      .map(reply -> reply.body());
  }

  /** Plain maps, lists and scalars, as the contract's codec carries them (not Vert.x JSON wrappers). */
  private static Object plain(Object value) {
    if (value instanceof JsonObject object) {
      Map<String, Object> map = new LinkedHashMap<>();
      object.forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
      return map;
    }
    if (value instanceof JsonArray array) {
      List<Object> list = new ArrayList<>();
      array.forEach(item -> list.add(plain(item)));
      return list;
    }
    return value;
  }
}
