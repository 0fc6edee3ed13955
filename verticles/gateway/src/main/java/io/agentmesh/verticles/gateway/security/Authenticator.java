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
 * are verified here ({@link TokenVerifier}); whether they were revoked is checked in memory ({@link Admission}). API
 * keys are resolved by the auth domain once, then served from {@link ApiKeyCache} until they expire from it, are
 * revoked, or their user changes. No credential means anonymous; a bad one is a 401 that never echoes it.
 */
public final class Authenticator {

  private static final String API_KEY_MARK = "amk_";

  private final TokenVerifier tokens;
  private final BusClient bus;
  private final StreamTickets tickets;
  private final ApiKeyCache apiKeys;
  private final RevokedCredentials revocations;

  public Authenticator(TokenVerifier tokens, BusClient bus, StreamTickets tickets, RevokedCredentials revocations,
                       long apiKeyCacheSeconds) {
    this.tokens = tokens;
    this.bus = bus;
    this.tickets = tickets;
    this.revocations = revocations;
    this.apiKeys = new ApiKeyCache(apiKeyCacheSeconds);
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
      return apiKey(credential, ctx);
    }
    return tokens.verify(credential).map(verified -> new Caller(verified.principal(), verified.issuedAtMs(),
      verified.expiresAt() * 1000));
  }

  private Future<Caller> apiKey(String key, RoutingContext ctx) {
    ApiKeyCache.Verified known = apiKeys.get(key);
    if (known != null && !revocations.keyVerificationStale(known.principal(), known.verifiedAtMs())) {
      return Future.succeededFuture(new Caller(known.principal(), known.verifiedAtMs(), null));
    }
    // through the bus client: the request id travels, and the auth domain on this node answers first
    return bus.<Principal>request(AuthAddresses.API_KEY_VERIFY, new ApiKeyCheck(key), ctx)
      .onFailure(refused -> apiKeys.forget(key))
      .map(principal -> {
        ApiKeyCache.Verified verified = apiKeys.put(key, principal);
        return new Caller(principal, verified.verifiedAtMs(), null);
      });
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
