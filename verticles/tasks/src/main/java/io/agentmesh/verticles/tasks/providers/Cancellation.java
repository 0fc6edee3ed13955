package io.agentmesh.verticles.tasks.providers;

import java.util.ArrayList;
import java.util.List;

/**
 * Fired when a task is cancelled or its worker loses the lease: the provider stream and tool calls in flight stop.
 * Touched only by the worker's event loop.
 */
public final class Cancellation {

  private final List<Runnable> listeners = new ArrayList<>();
  private String reason;

  public boolean fired() {
    return reason != null;
  }

  public String reason() {
    return reason;
  }

  public void fire(String why) {
    if (reason != null) {
      return;
    }
    reason = why;
    List.copyOf(listeners).forEach(Runnable::run);
    listeners.clear();
  }

  /** Runs {@code action} when fired (at once if it has been). */
  public void onFire(Runnable action) {
    if (reason != null) {
      action.run();
    } else {
      listeners.add(action);
    }
  }
}
