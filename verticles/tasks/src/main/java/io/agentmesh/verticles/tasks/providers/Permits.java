package io.agentmesh.verticles.tasks.providers;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A provider endpoint's concurrency limit on this node: calls beyond it wait in order (their tasks keep their
 * leases; nothing is dropped). A cancelled waiter leaves the line. Event-loop confined, like the endpoint.
 */
final class Permits {

  private final int max;
  private final Deque<Promise<Void>> waiting = new ArrayDeque<>();
  private int inUse;

  Permits(int max) {
    this.max = Math.max(1, max);
  }

  Future<Void> acquire(Cancellation cancellation) {
    if (inUse < max) {
      inUse++;
      return Future.succeededFuture();
    }
    Promise<Void> turn = Promise.promise();
    waiting.add(turn);
    cancellation.onFire(() -> {
      if (waiting.remove(turn)) {
        turn.tryFail(new ProviderException("cancelled", cancellation.reason(), false, 0));
      }
    });
    return turn.future();
  }

  void release() {
    Promise<Void> next = waiting.poll();
    if (next != null) {
      next.tryComplete();
    } else {
      inUse--;
    }
  }
}
