package io.agentmesh.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.EventBusCodecs;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentDraft;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.agents.ModelSpec;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.memory.Session;
import io.agentmesh.contract.memory.SessionDraft;
import io.agentmesh.contract.tasks.Task;
import io.agentmesh.contract.tasks.TaskDraft;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.io.FileInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Joins a running cluster and measures the task queue end to end with the scripted provider (one model call, four
 * deltas, no delay, so everything measured is the platform): it submits tasks over the bus as a user, spread over
 * sessions, a bounded number in flight, and follows their events (published to every member). Reports tasks/s from
 * the first submission to the last terminal event, enqueue-to-start latency (submit reply to task.in_progress),
 * the attempt's duration (in_progress to completed: the platform's time around one model call), and PostgreSQL
 * writes per task from pg_stat_database and pg_stat_user_tables.
 * Arguments: cluster-name postgres-url tasks sessions in-flight.
 */
public final class TaskQueueBench {

  private TaskQueueBench() {
  }

  public static void main(String[] args) throws Exception {
    String clusterName = args[0];
    String postgresUrl = args[1];
    int tasks = Integer.parseInt(args[2]);
    int sessions = Integer.parseInt(args[3]);
    int inFlight = Integer.parseInt(args[4]);
    Config config = new XmlConfigBuilder(new FileInputStream("cluster.xml")).build().setClusterName(clusterName);
    Vertx vertx = Await.result(Vertx.builder().withClusterManager(new HazelcastClusterManager(config))
      .buildClustered());
    Pool pg = PgBuilder.pool().connectingTo(postgresUrl).using(vertx).build();
    try {
      EventBusCodecs.register(vertx);
      Principal user = new Principal("usr_bench" + System.nanoTime(), Set.of("user"), Scopes.USER, null);
      DeliveryOptions asUser = BusHeaders.deliveryOptions(user, "bench", 30_000);
      Agent agent = (Agent) Await.result(vertx.eventBus().request(AgentsAddresses.CREATE, new AgentDraft("bench", null,
        "Answer briefly.", new ModelSpec("scripted", "bench-one-call", Map.of()), List.of(), List.of(), "enqueue",
        Map.of()), asUser)).body();
      List<String> sessionIds = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        sessionIds.add(((Session) Await.result(vertx.eventBus().request(MemoryAddresses.SESSION_CREATE,
          new SessionDraft(agent.id(), "bench " + i, Map.of()), asUser)).body()).id());
      }
      // Warm-up: one task per session, not measured.
      run(vertx, asUser, sessionIds, sessions, inFlight, new ConcurrentHashMap<>());

      // Latency: one task at a time, so nothing waits in the queue: the wake-up path and one attempt's own cost.
      Map<String, long[]> alone = new ConcurrentHashMap<>();
      run(vertx, asUser, sessionIds, Integer.getInteger("alone", 300), 1, alone);
      List<Double> aloneStart = new ArrayList<>();
      List<Double> aloneAttempt = new ArrayList<>();
      for (long[] t : alone.values()) {
        aloneStart.add((t[1] - t[0]) / 1e6);
        aloneAttempt.add((t[2] - t[1]) / 1e6);
      }
      Collections.sort(aloneStart);
      Collections.sort(aloneAttempt);
      System.out.printf("one_at_a_time enqueue_to_start_ms p50=%.2f p99=%.2f%n", Percentiles.of(aloneStart, 50),
        Percentiles.of(aloneStart, 99));
      System.out.printf("one_at_a_time attempt_ms p50=%.2f p99=%.2f%n", Percentiles.of(aloneAttempt, 50),
        Percentiles.of(aloneAttempt, 99));
      split(pg, alone);

      long[] before = stats(pg);
      ProcessCpu nodeCpu = ProcessCpu.node();
      ProcessCpu pgCpu = ProcessCpu.postgres();
      Map<Long, Duration> nodeBefore = nodeCpu.read();
      Map<Long, Duration> pgBefore = pgCpu.read();
      Map<String, long[]> times = new ConcurrentHashMap<>();
      long start = System.nanoTime();
      long end = run(vertx, asUser, sessionIds, tasks, inFlight, times);
      double nodeMs = ProcessCpu.millisSince(nodeBefore, nodeCpu.read());
      double pgMs = ProcessCpu.millisSince(pgBefore, pgCpu.read());
      long[] after = stats(pg);

      double seconds = (end - start) / 1e9;
      List<Double> startLatency = new ArrayList<>();
      List<Double> attempt = new ArrayList<>();
      for (long[] t : times.values()) {
        startLatency.add((t[1] - t[0]) / 1e6);
        attempt.add((t[2] - t[1]) / 1e6);
      }
      Collections.sort(startLatency);
      Collections.sort(attempt);
      System.out.printf("tasks=%d sessions=%d in_flight=%d seconds=%.2f tasks_per_s=%.0f%n", tasks, sessions,
        inFlight, seconds, tasks / seconds);
      System.out.printf("loaded enqueue_to_start_ms p50=%.2f p99=%.2f%n", Percentiles.of(startLatency, 50),
        Percentiles.of(startLatency, 99));
      System.out.printf("loaded attempt_ms p50=%.2f p99=%.2f%n", Percentiles.of(attempt, 50), Percentiles.of(attempt,
        99));
      System.out.printf("pg_commits_per_task=%.1f pg_row_writes_per_task=%.1f%n",
        (after[0] - before[0]) / (double) tasks, (after[1] - before[1]) / (double) tasks);
      System.out.printf("cpu_ms_per_task node=%.3f postgres=%.3f%n", nodeMs / tasks, pgMs / tasks);
    } finally {
      pg.close();
      vertx.close();
    }
  }

  /**
   * Submits {@code count} tasks round-robin over the sessions, at most {@code inFlight} unfinished at once; records
   * per task [submitted, in_progress, terminal] nanos and [submitted, in_progress] wall-clock micros. Answers the
   * nanos of the last terminal event.
   */
  private static long run(Vertx vertx, DeliveryOptions asUser, List<String> sessions, int count, int inFlight,
                          Map<String, long[]> times) throws Exception {
    CountDownLatch done = new CountDownLatch(count);
    Semaphore slots = new Semaphore(inFlight);
    long[] last = {0};
    Map<String, long[]> pending = new ConcurrentHashMap<>();
    var consumer = vertx.eventBus().<TaskEvent>consumer(TasksAddresses.EVENTS, message -> {
      TaskEvent event = message.body();
      long now = System.nanoTime();
      long[] t = pending.computeIfAbsent(event.taskId(), id -> new long[5]);
      if (event.type().equals("task.in_progress")) {
        t[1] = now;
        t[4] = epochMicros();
      } else if (event.terminal() && t[2] == 0) {
        t[2] = now;
        last[0] = Math.max(last[0], now);
        slots.release();
        done.countDown();
      }
    });
    Await.result(consumer.completion());
    for (int i = 0; i < count; i++) {
      slots.acquire();
      long submitted = System.nanoTime();
      long submittedAt = epochMicros();
      TaskDraft draft = new TaskDraft(sessions.get(i % sessions.size()), "What is the answer?", 1, null, Map.of(),
        null);
      vertx.eventBus().<Task>request(TasksAddresses.SUBMIT, draft, asUser).onSuccess(reply -> {
        long[] t = pending.computeIfAbsent(reply.body().id(), id -> new long[5]);
        t[0] = submitted;
        t[3] = submittedAt;
        times.put(reply.body().id(), t);
      }).onFailure(failure -> {
        System.err.println("submit failed: " + failure.getMessage());
        slots.release();
        done.countDown();
      });
    }
    if (!done.await(600, TimeUnit.SECONDS)) {
      throw new IllegalStateException("tasks did not finish: " + done.getCount() + " left");
    }
    Await.result(consumer.unregister());
    return last[0];
  }

  /**
   * Where enqueue-to-start goes, from wall clocks on one machine (client's and PostgreSQL's, microseconds): from
   * sending the submission to the insert's transaction, from that to the claim's, from that to the client.
   */
  private static void split(Pool pg, Map<String, long[]> alone) throws Exception {
    List<Double> submit = new ArrayList<>();
    List<Double> queue = new ArrayList<>();
    List<Double> deliver = new ArrayList<>();
    Await.result(pg.preparedQuery("SELECT id, (extract(epoch FROM created_at) * 1e6)::bigint AS stored, "
        + "(extract(epoch FROM started_at) * 1e6)::bigint AS claimed FROM tasks.tasks WHERE id = ANY($1)")
        .execute(Tuple.tuple().addArrayOfString(alone.keySet().toArray(String[]::new))))
      .forEach(row -> {
        long[] t = alone.get(row.getString("id"));
        submit.add((row.getLong("stored") - t[3]) / 1e3);
        queue.add((row.getLong("claimed") - row.getLong("stored")) / 1e3);
        deliver.add((t[4] - row.getLong("claimed")) / 1e3);
      });
    Collections.sort(submit);
    Collections.sort(queue);
    Collections.sort(deliver);
    System.out.printf("one_at_a_time stored_to_claimed_ms p50=%.2f p99=%.2f%n", Percentiles.of(queue, 50),
      Percentiles.of(queue, 99));
    System.out.printf("one_at_a_time split_p50_ms submit_to_stored=%.2f stored_to_claimed=%.2f "
      + "claimed_to_client=%.2f%n", Percentiles.of(submit, 50), Percentiles.of(queue, 50), Percentiles.of(deliver, 50));
  }

  private static long epochMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  /** [committed transactions, rows inserted + updated + deleted in the tasks and memory schemas]. */
  private static long[] stats(Pool pg) throws Exception {
    TimeUnit.MILLISECONDS.sleep(1500); // PostgreSQL's statistics lag by up to 500 ms
    Row commits = Await.result(pg.query("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
      .execute()).iterator().next();
    Row rows = Await.result(pg.query("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) AS n "
      + "FROM pg_stat_user_tables WHERE schemaname IN ('tasks', 'memory')").execute()).iterator().next();
    return new long[] {commits.getLong("xact_commit"), rows.getLong("n")};
  }
}
