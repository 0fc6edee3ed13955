package io.agentmesh.contract;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a domain answers requests: the handler returns a future of the reply; a {@link DomainException} goes back as
 * it is, anything else is logged here with the request id and answered as a generic internal error, so no internal
 * detail crosses the bus and no handler failure goes unanswered.
 */
public final class RequestConsumers {

  private static final Logger LOG = LoggerFactory.getLogger(RequestConsumers.class);
  private static final long RETIRE_GRACE_MS = 5_000;

  /** A request handler: the future's value is the reply body (null for none). */
  @FunctionalInterface
  public interface Handler<T> {
    Future<?> handle(Message<T> message);
  }

  private RequestConsumers() {
  }

  /** Serves an address from the calling verticle; {@link #retire} ends it. Must be called on that verticle. */
  public static <T> MessageConsumer<T> serve(EventBus bus, String address, Handler<T> handler) {
    ServedRequests served = ServedRequests.of(Vertx.currentContext());
    MessageConsumer<T> consumer = bus.consumer(address, message -> {
      Future<?> reply;
      try {
        reply = handler.handle(message);
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      served.answering(reply);
      reply.onSuccess(message::reply).onFailure(failure -> message.reply(typed(message, failure)));
    });
    served.add(consumer);
    return consumer;
  }

  /**
   * A domain verticle's first step on stop, before it closes its storage: the addresses it serves stop taking
   * requests, and the requests it is answering get their replies (within a few seconds).
   */
  public static Future<Void> retire() {
    Context context = Vertx.currentContext();
    return ServedRequests.of(context).retire(context, RETIRE_GRACE_MS);
  }

  /** The caller of a request, who must be signed in. */
  public static Principal caller(Message<?> message) {
    Principal principal = BusHeaders.principal(message);
    if (principal.isAnonymous()) {
      throw new DomainException(ErrorCode.UNAUTHENTICATED, "Sign in first.");
    }
    return principal;
  }

  /**
   * The caller of a request, who must hold one of {@code scopes}: the domain that owns the data checks again what
   * the face (REST, MCP, a tool) checked, so a face that forgets cannot widen access. Several scopes: any one grants,
   * for an address that also serves work done on the user's behalf (a task reads its agent with {@code tasks:run}).
   */
  public static Principal caller(Message<?> message, String... scopes) {
    Principal principal = caller(message);
    for (String scope : scopes) {
      if (principal.hasScope(scope)) {
        return principal;
      }
    }
    throw new DomainException(ErrorCode.FORBIDDEN, "Your credential lacks the scope " + String.join(" or ", scopes)
      + ".");
  }

  /**
   * The caller of a request, who must have signed in with a password (an access token, not an API key): what may
   * take over or end the account is never a program's to do.
   */
  public static Principal interactive(Message<?> message) {
    Principal principal = caller(message);
    if (principal.viaApiKey()) {
      throw new DomainException(ErrorCode.FORBIDDEN, "Managing the account needs an interactive login (an access "
        + "token from /api/v1/auth/login); API keys cannot do it.");
    }
    return principal;
  }

  /** The caller of a request, who must be an administrator (role and scope). */
  public static Principal admin(Message<?> message) {
    Principal principal = caller(message);
    if (!principal.isAdmin() || !principal.hasScope("admin")) {
      throw new DomainException(ErrorCode.FORBIDDEN, "This needs an administrator.");
    }
    return principal;
  }

  private static DomainException typed(Message<?> message, Throwable failure) {
    if (failure instanceof DomainException domain) {
      return domain;
    }
    LOG.error("Request {} to {} failed", BusHeaders.requestId(message), message.address(), failure);
    return new DomainException(ErrorCode.INTERNAL, "An unexpected error occurred; quote the request id.");
  }
}
