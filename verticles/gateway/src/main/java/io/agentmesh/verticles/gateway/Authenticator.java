package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.ApiKeyCheck;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.Revocations;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Establishes the caller: {@code Authorization: Bearer <access token or API key>} or {@code X-API-Key}. Access tokens
 * are verified here ({@link TokenVerifier}) and checked against the revocations the auth domain writes in Redis;
 * API keys are resolved by the auth domain. No credential means anonymous; a bad one is a 401 that never echoes it.
 */
final class Authenticator {

  private static final String API_KEY_MARK = "amk_";

  private final TokenVerifier tokens;
  private final EventBus bus;
  private final Redis redis;
  private final GatewayOptions options;

  Authenticator(TokenVerifier tokens, EventBus bus, Redis redis, GatewayOptions options) {
    this.tokens = tokens;
    this.bus = bus;
    this.redis = redis;
    this.options = options;
  }

  Future<Principal> authenticate(RoutingContext ctx) {
    String credential;
    try {
      credential = credential(ctx);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    if (credential == null) {
      return Future.succeededFuture(Principal.ANONYMOUS);
    }
    if (credential.startsWith(API_KEY_MARK)) {
      return bus.<Principal>request(AuthAddresses.API_KEY_VERIFY, new ApiKeyCheck(credential),
          new DeliveryOptions().setSendTimeout(options.sendTimeoutMs()))
        .map(reply -> reply.body());
    }
    return tokens.verify(credential).compose(this::notRevoked);
  }

  private static String credential(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null) {
      if (authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw new DomainException(ErrorCode.UNAUTHENTICATED, "Use Authorization: Bearer <token>.");
      }
      return authorization.substring(7).trim();
    }
    return ctx.request().getHeader("X-API-Key");
  }

  private Future<Principal> notRevoked(TokenVerifier.Verified verified) {
    Principal principal = verified.principal();
    return redis.send(Request.cmd(Command.MGET).arg(Revocations.login(principal.credentialId()))
        .arg(Revocations.userBefore(principal.userId())))
      .transform(done -> {
        if (done.failed()) {
          return options.rateLimits().failOpen() ? Future.succeededFuture(principal)
            : Future.failedFuture(DomainException.retryLater(ErrorCode.UNAVAILABLE,
              "Credentials cannot be checked right now.", 5));
        }
        Response values = done.result();
        boolean loginRevoked = values.get(0) != null;
        boolean userRevoked = values.get(1) != null && values.get(1).toLong() >= verified.issuedAtMs();
        return loginRevoked || userRevoked
          ? Future.failedFuture(new DomainException(ErrorCode.UNAUTHENTICATED, "The access token has been revoked."))
          : Future.succeededFuture(principal);
      });
  }
}
