package io.agentmesh.bench;

import io.vertx.core.Future;

import java.util.concurrent.TimeUnit;

/** The benchmarks' main threads wait for Vert.x futures (never an event loop: these are plain mains). */
final class Await {

  private static final long TIMEOUT_SECONDS = 300;

  private Await() {
  }

  static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
