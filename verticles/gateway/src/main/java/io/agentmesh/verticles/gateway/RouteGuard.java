package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * What stands in front of every API route: who is calling (authentication), may they (the route's {@link Access}),
 * how often (the route's rate-limit class, per principal or per client address), and how large a body the route
 * takes.
 */
final class RouteGuard {

  private final Authenticator authenticator;
  private final RateLimiter limiter;
  private final GatewayOptions options;

  RouteGuard(Authenticator authenticator, RateLimiter limiter, GatewayOptions options) {
    this.authenticator = authenticator;
    this.limiter = limiter;
    this.options = options;
  }

  Handler<RoutingContext> of(Access access, RateLimits.Limit limit, long bodyLimitBytes) {
    return ctx -> {
      if (ctx.body() != null && ctx.body().length() > bodyLimitBytes) {
        ctx.fail(413);
        return;
      }
      authenticator.authenticate(ctx)
        .map(access::check)
        .compose(principal -> {
          Principals.set(ctx, principal);
          String who = principal.isAnonymous() ? "addr:" + ClientAddress.of(ctx, options.trustedProxies())
            : "usr:" + principal.userId();
          return limiter.admit(ctx, limit, who);
        })
        .onSuccess(ok -> ctx.next())
        .onFailure(failure -> ctx.fail(failure instanceof RuntimeException ? failure
          : new DomainException(ErrorCode.INTERNAL, "An unexpected error occurred.")));
    };
  }
}
