package io.agentmesh.contract;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.ArrayList;
import java.util.List;

/**
 * The request consumers one verticle registered, and how many of their requests it is still answering. Vert.x
 * removes a verticle's consumers only after its stop completes; a domain that closed its pool in stop would answer
 * the requests of that window with internal errors. Kept on the verticle's context, so every consumer registered
 * through {@link RequestConsumers} is counted without being handed around; touched only on that context's thread.
 */
final class ServedRequests {

  private static final String KEY = ServedRequests.class.getName();

  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private int answering;
  private Promise<Void> idle;

  /** The context's tracker, created on first use. */
  static ServedRequests of(Context context) {
    if (context == null) {
      throw new IllegalStateException("Requests are served by a verticle: call this on its context");
    }
    ServedRequests served = context.get(KEY);
    if (served == null) {
      served = new ServedRequests();
      context.put(KEY, served);
    }
    return served;
  }

  void add(MessageConsumer<?> consumer) {
    consumers.add(consumer);
  }

  /** Counts a request until its reply has gone out. */
  void answering(Future<?> reply) {
    answering++;
    reply.onComplete(done -> {
      answering--;
      if (answering == 0 && idle != null) {
        idle.tryComplete();
      }
    });
  }

  /**
   * Unregisters every consumer (callers elsewhere in the cluster are served by other nodes; here they see no
   * handler), then completes once the requests already being answered have their replies, or after
   * {@code graceMs}.
   */
  Future<Void> retire(Context context, long graceMs) {
    List<Future<Void>> unregistered = consumers.stream().map(MessageConsumer::unregister).toList();
    consumers.clear();
    return Future.join(unregistered).transform(done -> {
      if (answering == 0) {
        return Future.succeededFuture();
      }
      idle = Promise.promise();
      long timer = context.owner().setTimer(graceMs, t -> idle.tryComplete());
      return idle.future().onComplete(ended -> context.owner().cancelTimer(timer));
    });
  }
}
