package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a request without a network round trip on its way: the credential is checked against the revocations held
 * in memory ({@link RevokedCredentials}), and the caller's rate limit is decided from this gateway's share of the
 * cluster-wide budget ({@link RateLimiter}). Limited responses carry RateLimit-Policy and RateLimit (IETF draft); a
 * refusal is 429 with Retry-After.
 */
public final class Admission {

  private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

  private final RevokedCredentials revocations;
  private final RateLimiter limiter;
  private final RateLimits limits;

  public Admission(RevokedCredentials revocations, RateLimiter limiter, RateLimits limits) {
    this.revocations = revocations;
    this.limiter = limiter;
    this.limits = limits;
  }

  /** Admits the request, or fails it with 401 (revoked), 429 (limited) or 503 (cannot be checked right now). */
  Future<Void> admit(RoutingContext ctx, Caller caller, RateLimits.Limit limit, String who) {
    if (!caller.needsRevocationCheck()) {
      return limit(ctx, limit, who);
    }
    if (revocations.isLoaded()) {
      return checked(ctx, caller, limit, who);
    }
    return revocations.loaded().transform(loaded -> loaded.failed()
      ? Future.failedFuture(DomainException.retryLater(ErrorCode.UNAVAILABLE,
        "Credentials cannot be checked right now.", 2))
      : checked(ctx, caller, limit, who));
  }

  private Future<Void> checked(RoutingContext ctx, Caller caller, RateLimits.Limit limit, String who) {
    if (revocations.revoked(caller)) {
      return Future.failedFuture(new DomainException(ErrorCode.UNAUTHENTICATED,
        caller.principal().viaApiKey() ? "The API key has been revoked." : "The access token has been revoked."));
    }
    return limit(ctx, limit, who);
  }

  private Future<Void> limit(RoutingContext ctx, RateLimits.Limit limit, String who) {
    if (!limits.enabled() || limit == null) {
      return Future.succeededFuture();
    }
    return limiter.admit(limit, who).transform(done -> {
      if (done.failed()) {
        LOG.warn("Rate limit not checked ({}): {}", limits.failOpen() ? "letting through" : "refusing",
          done.cause().getMessage());
        return limits.failOpen() ? Future.succeededFuture() : Future.failedFuture(DomainException.retryLater(
          ErrorCode.UNAVAILABLE, "Rate limits cannot be checked right now.", 5));
      }
      RateLimiter.Decision decision = done.result();
      ctx.response().putHeader("RateLimit-Policy", "\"" + limit.name() + "\";q=" + limit.limit() + ";w="
        + limit.windowSeconds());
      ctx.response().putHeader("RateLimit", "\"" + limit.name() + "\";r=" + decision.remaining() + ";t="
        + decision.resetSeconds());
      return decision.admitted() ? Future.succeededFuture()
        : Future.failedFuture(DomainException.retryLater(ErrorCode.RATE_LIMITED, "Too many requests; slow down.",
          (int) decision.resetSeconds()));
    });
  }
}
