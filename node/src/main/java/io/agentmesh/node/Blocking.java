package io.agentmesh.node;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a future from a thread that may block: the launcher's main thread or a shutdown hook, never a loop. */
final class Blocking {

  private Blocking() {
  }

  static <T> T await(Future<T> future, Duration timeout) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new StartupException(String.valueOf(cause));
    } catch (TimeoutException e) {
      throw new StartupException("timed out after " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted");
    }
  }

  static void awaitQuietly(Future<?> future, Duration timeout) {
    try {
      await(future, timeout);
    } catch (RuntimeException ignored) {
      // shutting down: carry on with the next step whatever this one did
    }
  }
}
