package io.agentmesh.testing;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The one way a test waits: for a future's result, or until something observable reaches the expected state. No test
 * sleeps a fixed time; it waits here for the event it needs.
 */
public final class Await {

  private static final Duration FUTURE_LIMIT = Duration.ofSeconds(60);
  private static final Duration POLL_LIMIT = Duration.ofSeconds(15);
  private static final long POLL_EVERY_MS = 50;

  /** What is polled; may throw. */
  public interface Probe<T> {
    T get() throws Exception;
  }

  private Await() {
  }

  /** The future's result, waited for up to 60 s; its failure is thrown as it is. */
  public static <T> T result(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(FUTURE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** Polls for up to 15 s; answers the first value that is {@code done}, or fails with the last one seen. */
  public static <T> T eventually(Probe<T> probe, Predicate<T> done) throws Exception {
    return eventually(POLL_LIMIT, probe, done);
  }

  public static <T> T eventually(Duration within, Probe<T> probe, Predicate<T> done) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not there after " + within.toMillis() + " ms: " + last);
      }
      TimeUnit.MILLISECONDS.sleep(POLL_EVERY_MS);
      last = probe.get();
    }
    return last;
  }
}
