package io.agentmesh.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback load client for task event fan-out: registers a user, creates an agent on a scripted model that
 * streams slowly, starts {@code tasks} tasks at once (each its own session), and follows them with
 * {@code connections} WebSockets subscribing {@code perConnection} tasks each (subscriptions spread evenly, so each
 * task has connections * perConnection / tasks subscribers). For every delta received it records the time from the
 * event's {@code created_at} (stored by PostgreSQL on this machine) to its arrival: storage, the bus, the gateway's
 * fan-out and the socket. Arguments: base-url tasks connections per-connection seconds.
 */
public final class StreamFanoutBench {

  private StreamFanoutBench() {
  }

  /** The scripted model's interval between deltas (bench/streams-bench.json). */
  private static final long SPREAD_MS = 500;
  /** Room for 50,000 deltas a second over two minutes; later samples are counted but not kept. */
  private static final int MAX_SAMPLES = 6_000_000;

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int tasks = Integer.parseInt(args[1]);
    int connections = Integer.parseInt(args[2]);
    int perConnection = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    Vertx vertx = Vertx.vertx();
    try {
      URI uri = URI.create(base);
      WebClient web = WebClient.create(vertx);
      String user = "fanout" + System.nanoTime();
      String password = "correct horse battery staple";
      Await.result(web.postAbs(base + "/api/v1/auth/register").sendJsonObject(new JsonObject().put("username", user)
        .put("email", user + "@example.com").put("password", password)));
      String token = Await.result(web.postAbs(base + "/api/v1/auth/login").sendJsonObject(new JsonObject()
        .put("username", user).put("password", password))).bodyAsJsonObject().getString("access_token");
      String agent = Await.result(web.postAbs(base + "/api/v1/agents").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("name", "fanout").put("model", new JsonObject()
          .put("provider", "scripted").put("name", "fanout-stream")))).bodyAsJsonObject().getString("id");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        String session = Await.result(web.postAbs(base + "/api/v1/agents/" + agent + "/sessions")
          .bearerTokenAuthentication(token).sendJsonObject(new JsonObject())).bodyAsJsonObject().getString("id");
        ids.add(session);
      }
      // Connect and subscribe first, then start the tasks: every delta is live.
      // Latencies in microseconds in a preallocated array: a growing collection of boxed numbers made this client's
      // own GC pauses (50-130 ms, copying the growing live set) part of what it measured.
      long[] latencies = new long[MAX_SAMPLES];
      AtomicInteger recorded = new AtomicInteger();
      AtomicLong deltas = new AtomicLong();
      List<String> taskIds = new ArrayList<>();
      List<Future<String>> submissions = new ArrayList<>();
      // Real streams run at their own pace; tasks submitted all in one instant would send their deltas in lockstep
      // (1000 at once every 500 ms). By default the submissions spread over one delta interval, so the tasks' phases
      // do; BENCH_STREAM_LOCKSTEP=1 submits them at once to measure the burst.
      boolean lockstep = "1".equals(System.getenv("BENCH_STREAM_LOCKSTEP"));
      for (int i = 0; i < ids.size(); i++) {
        String session = ids.get(i);
        Promise<String> submitted = Promise.promise();
        Runnable submit = () -> web.postAbs(base + "/api/v1/sessions/" + session + "/tasks")
          .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("input", "stream"))
          .map(r -> r.bodyAsJsonObject().getString("id")).onComplete(submitted);
        long delayMs = lockstep ? 0 : i * SPREAD_MS / ids.size();
        if (delayMs == 0) {
          submit.run();
        } else {
          vertx.setTimer(delayMs, t -> submit.run());
        }
        submissions.add(submitted.future());
      }
      var sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(connections + 10));
      List<WebSocket> open = new ArrayList<>();
      for (Future<String> submission : submissions) {
        taskIds.add(Await.result(submission));
      }
      long started = System.nanoTime();
      for (int c = 0; c < connections; c++) {
        WebSocket socket = Await.result(sockets.connect(new WebSocketConnectOptions().setHost(uri.getHost())
          .setPort(uri.getPort()).setURI("/api/v1/stream").addHeader("Authorization", "Bearer " + token)));
        socket.textMessageHandler(text -> {
          Instant now = Instant.now();
          long arrived = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
          // Read the two fields it needs without building a JSON tree per frame (20,000 frames a second).
          if (text.contains("\"type\":\"task.message.delta\"")) {
            int at = text.indexOf("\"created_at\":\"") + 14;
            Instant created = Instant.parse(text.substring(at, text.indexOf('"', at)));
            long createdMicros = created.getEpochSecond() * 1_000_000 + created.getNano() / 1000;
            int slot = recorded.getAndIncrement();
            if (slot < latencies.length) {
              latencies[slot] = arrived - createdMicros;
            }
            deltas.incrementAndGet();
          }
        });
        for (int k = 0; k < perConnection; k++) {
          String task = taskIds.get((c * perConnection + k) % taskIds.size());
          socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("task_id", task).put("after", 0)
            .encode());
        }
        open.add(socket);
      }
      System.out.printf("connected %d websockets, %d subscriptions over %d tasks in %.1f s%n", open.size(),
        open.size() * perConnection, taskIds.size(), (System.nanoTime() - started) / 1e9);
      // Each subscription first replays its task's stored events from the start (after=0): let the last of those
      // replays arrive before the window opens, so the window holds live deltas only.
      TimeUnit.SECONDS.sleep(3);
      recorded.set(0);
      deltas.set(0);
      long window = System.nanoTime();
      TimeUnit.SECONDS.sleep(seconds);
      double elapsed = (System.nanoTime() - window) / 1e9;
      int count = Math.min(recorded.get(), latencies.length);
      List<Double> sorted = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        sorted.add(latencies[i] / 1000.0);
      }
      Collections.sort(sorted);
      System.out.printf("deltas_received_per_s=%.0f (each delta once per subscriber) window_s=%.1f%n",
        deltas.get() / elapsed, elapsed);
      System.out.printf("fanout_ms p50=%.2f p99=%.2f max=%.2f%n", Percentiles.of(sorted, 50), Percentiles.of(sorted,
        99),
        sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1));
      for (WebSocket socket : open) {
        socket.close();
      }
      // The tasks would stream on for a minute or more: cancel them, so the next run on this data starts clean.
      List<Future<?>> cancels = new ArrayList<>();
      for (String task : taskIds) {
        cancels.add(web.postAbs(base + "/api/v1/tasks/" + task + "/cancel").bearerTokenAuthentication(token).send());
      }
      Await.result(Future.join(cancels));
    } finally {
      vertx.close();
    }
  }
}
