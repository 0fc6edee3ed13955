package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.ApiKeyCheck;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Establishes the caller: {@code Authorization: Bearer <access token or API key>} or {@code X-API-Key}. Access tokens
 * are verified here ({@link TokenVerifier}); whether they were revoked is checked with the rate limit in one Redis
 * round trip ({@link Admission}). API keys are resolved by the auth domain. No credential means anonymous; a bad one
 * is a 401 that never echoes it.
 */
public final class Authenticator {

  private static final String API_KEY_MARK = "amk_";

  private final TokenVerifier tokens;
  private final BusClient bus;

  private final StreamTickets tickets;

  public Authenticator(TokenVerifier tokens, BusClient bus, StreamTickets tickets) {
    this.tokens = tokens;
    this.bus = bus;
    this.tickets = tickets;
  }

  /** With {@code ticketsAccepted}, a {@code ticket} query parameter stands for a credential (stream endpoints). */
  Future<Caller> authenticate(RoutingContext ctx, boolean ticketsAccepted) {
    String ticket = ticketsAccepted ? ctx.queryParams().get("ticket") : null;
    if (ticket != null && ctx.request().getHeader("Authorization") == null) {
      return tickets.redeem(ticket);
    }
    return authenticate(ctx);
  }

  Future<Caller> authenticate(RoutingContext ctx) {
    String credential;
    try {
      credential = credential(ctx);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    if (credential == null) {
      return Future.succeededFuture(Caller.ANONYMOUS);
    }
    if (credential.startsWith(API_KEY_MARK)) {
      // through the bus client: the request id travels, and the auth domain on this node answers first
      return bus.<Principal>request(AuthAddresses.API_KEY_VERIFY, new ApiKeyCheck(credential), ctx)
        .map(principal -> new Caller(principal, null, null));
    }
    return tokens.verify(credential).map(verified -> new Caller(verified.principal(), verified.issuedAtMs(),
      verified.expiresAt() * 1000));
  }

  /** The one credential of the request; two different ones are a client mistake, never "the first wins". */
  private static String credential(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    String apiKey = ctx.request().getHeader("X-API-Key");
    if (authorization == null) {
      return apiKey;
    }
    if (authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new DomainException(ErrorCode.UNAUTHENTICATED, "Use Authorization: Bearer <token>.");
    }
    String bearer = authorization.substring(7).trim();
    if (apiKey != null && !apiKey.equals(bearer)) {
      throw new DomainException(ErrorCode.BAD_REQUEST, "Send one credential: Authorization or X-API-Key, not both.");
    }
    return bearer;
  }
}
