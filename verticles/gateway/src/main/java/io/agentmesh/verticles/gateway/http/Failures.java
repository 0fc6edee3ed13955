package io.agentmesh.verticles.gateway.http;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.verticles.gateway.mcp.ProtectedResource;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever failed a request into a problem body with the right status. Typed domain failures keep their code
 * and field details; a missing or silent domain is 503; anything unexpected is a 500 whose cause goes to the log
 * (with the request id), never to the client.
 */
public final class Failures {

  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private static final String RETRY_AFTER_SECONDS = "2";

  private Failures() {
  }

  public static void handle(RoutingContext ctx) {
    if (!ctx.request().isEnded() && !ctx.response().headWritten()) {
      // Refused before its body was read (bad request line, credential, size): the unread rest is discarded as it
      // arrives and the connection ends with this answer, so the client's next request cannot hang behind it.
      ctx.response().putHeader("Connection", "close");
      ctx.request().handler(ignored -> { }).resume();
    }
    if (ctx.failure() instanceof DomainException domain && !ctx.response().headWritten()) {
      if (domain.retryAfterSeconds() != null) {
        ctx.response().putHeader("Retry-After", String.valueOf(domain.retryAfterSeconds()));
      }
      if (domain.code() == ErrorCode.UNAUTHENTICATED) {
        String challenge = "Bearer realm=\"agentmesh\"";
        if (ctx.request().path().startsWith("/mcp")) {
          challenge += ", resource_metadata=\"" + ProtectedResource.baseUrl(ctx)
            + ProtectedResource.PATH + "\"";
        }
        ctx.response().putHeader("WWW-Authenticate", challenge);
      }
    }
    if (ctx.failure() instanceof ReplyException reply && !(reply instanceof DomainException)
      && reply.failureType() != ReplyFailure.RECIPIENT_FAILURE && !ctx.response().headWritten()) {
      // no node served it, or not in time: a leader moving, a domain restarting; worth trying again shortly
      ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    toProblem(ctx).send(ctx);
  }

  static Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof DomainException domain) {
      return Problem.of(domain.code(), domain.getMessage(), domain.errors());
    }
    if (failure instanceof ReplyException reply) {
      return fromReply(ctx, reply);
    }
    if (failure instanceof DecodeException) {
      return Problem.of(ErrorCode.BAD_REQUEST, "The body is not valid JSON.");
    }
    if (failure == null || ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      return fromStatus(ctx.statusCode()); // a rejection by the HTTP layer itself (CORS, body limit, ...)
    }
    LOG.error("Request {} failed unexpectedly", RequestIds.of(ctx), failure);
    return Problem.of(ErrorCode.INTERNAL, "An unexpected error occurred; quote the request id when reporting it.");
  }

  private static Problem fromReply(RoutingContext ctx, ReplyException reply) {
    return switch (reply.failureType()) {
      case NO_HANDLERS -> Problem.of(ErrorCode.UNAVAILABLE, "No node serves this request right now.");
      case TIMEOUT -> Problem.of(ErrorCode.UNAVAILABLE, "The service did not answer in time.");
      case ERROR -> Problem.of(ErrorCode.UNAVAILABLE, "The service could not be reached.");
      case RECIPIENT_FAILURE -> {
        LOG.error("Request {}: a domain failed without a typed error: {}", RequestIds.of(ctx), reply.getMessage());
        yield Problem.of(ErrorCode.INTERNAL, "An unexpected error occurred; quote the request id when reporting it.");
      }
    };
  }

  private static Problem fromStatus(int status) {
    return switch (status) {
      case 404 -> Problem.of(ErrorCode.NOT_FOUND, "No such resource.");
      case 405 -> Problem.http(405, "method-not-allowed", "Method not allowed",
        "This resource does not accept that method.");
      case 413 -> Problem.http(413, "payload-too-large", "Payload too large",
        "The request body is larger than the limit.");
      case 400 -> Problem.of(ErrorCode.BAD_REQUEST, "The request could not be understood.");
      case 403 -> Problem.of(ErrorCode.FORBIDDEN, "The request is not allowed (for example its origin).");
      default -> Problem.of(ErrorCode.ofStatus(status), "The request failed.");
    };
  }
}
