package io.agentmesh.node;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Polls until something observable through the API reaches the expected state, for asynchronous effects. */
public final class Eventually {

  /** What is polled; may throw. */
  public interface Probe<T> {
    T get() throws Exception;
  }

  private Eventually() {
  }

  /** Polls every 100 ms for up to 15 s; the last value seen is in the failure. */
  public static <T> T await(Probe<T> probe, Predicate<T> done) throws Exception {
    T last = null;
    for (int i = 0; i < 150; i++) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("still not there after 15 s: " + last);
  }
}
