package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.Principal;
import io.agentmesh.verticles.gateway.GatewayOptions;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * What stands in front of every API route: who is calling (authentication), may they (the route's {@link Access}),
 * is their token still valid and are they within the route's rate-limit class (per principal or per client address;
 * both checked in one Redis round trip), and how large a body the route takes.
 */
public final class RouteGuard {

  private final Authenticator authenticator;
  private final Admission admission;
  private final GatewayOptions options;

  public RouteGuard(Authenticator authenticator, Admission admission, GatewayOptions options) {
    this.authenticator = authenticator;
    this.admission = admission;
    this.options = options;
  }

  public Handler<RoutingContext> of(Access access, RateLimits.Limit limit, long bodyLimitBytes) {
    return ctx -> {
      if (ctx.body() != null && ctx.body().length() > bodyLimitBytes) {
        ctx.fail(413);
        return;
      }
      authenticator.authenticate(ctx, access.tickets())
        .compose(caller -> {
          Principal principal = access.check(caller.principal());
          Principals.set(ctx, principal);
          caller.putInto(ctx);
          String who = principal.isAnonymous() || principal.isGuest() ? "addr:" + ClientAddress.of(ctx,
            options.trustedProxies())
            : "usr:" + principal.userId();
          return admission.admit(ctx, caller, limit, who);
        })
        .onSuccess(ok -> ctx.next())
        .onFailure(failure -> ctx.fail(failure instanceof RuntimeException ? failure
          : new DomainException(ErrorCode.INTERNAL, "An unexpected error occurred.")));
    };
  }
}
