package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.Scopes;

/**
 * Who may call a route (function-level authorization). Every API route names one; the domain that owns an object
 * checks the scope again and checks ownership (object level). A credential that grants no scope at all reaches
 * nothing but the account routes of an interactive login.
 *
 * @param signedIn    whether a credential is required
 * @param scope       the scope the credential must carry, or null
 * @param guests      whether a caller without a credential becomes a guest
 * @param tickets     whether a stream ticket in the query stands for a credential
 * @param interactive whether the credential must be an access token from a password login (never an API key)
 */
public record Access(boolean signedIn, String scope, boolean guests, boolean tickets, boolean interactive) {

  public static final Access PUBLIC = new Access(false, null, false, false, false);
  /** Any credential that grants at least one scope. */
  public static final Access SIGNED_IN = new Access(true, null, false, false, false);
  /** The account itself (password, logins, API keys, deleting it): an interactive login, never an API key. */
  public static final Access LOGIN = new Access(true, null, false, false, true);
  public static final Access ADMIN = new Access(true, Scopes.ADMIN, false, false, false);
  /** Signed in, or else a {@link Principal#GUEST} (only {@code /mcp}, only while the conformance pack is on). */
  public static final Access SIGNED_IN_OR_GUEST = new Access(false, null, true, false, false);

  public static Access scope(String scope) {
    return new Access(true, scope, false, false, false);
  }

  /** The stream endpoints browsers open: the scope, by a credential or by a stream ticket ({@code ?ticket=}). */
  public static Access stream(String scope) {
    return new Access(true, scope, false, true, false);
  }

  public Principal check(Principal principal) {
    if (guests && principal.isAnonymous()) {
      return Principal.GUEST;
    }
    if (signedIn && principal.isAnonymous()) {
      throw new DomainException(ErrorCode.UNAUTHENTICATED, "This needs a bearer token or an API key.");
    }
    if (interactive && principal.viaApiKey()) {
      throw new DomainException(ErrorCode.FORBIDDEN, "Managing the account needs an interactive login (an access "
        + "token from /api/v1/auth/login); API keys cannot do it.");
    }
    if ((signedIn || guests) && !interactive && principal.scopes().isEmpty()) {
      throw new DomainException(ErrorCode.FORBIDDEN, "Your credential grants no scope.");
    }
    if (scope != null && !principal.hasScope(scope)) {
      throw new DomainException(ErrorCode.FORBIDDEN, "Your credential lacks the scope " + scope + ".");
    }
    if (Scopes.ADMIN.equals(scope) && !principal.isAdmin()) {
      throw new DomainException(ErrorCode.FORBIDDEN, "This needs an administrator.");
    }
    return principal;
  }

  /** How the route table ({@code route-access.tsv}) names this access. */
  public String describe() {
    if (guests) {
      return "signed-in-or-guest";
    }
    if (!signedIn) {
      return "public";
    }
    if (interactive) {
      return "login";
    }
    String base = scope == null ? "signed-in" : Scopes.ADMIN.equals(scope) ? "admin" : "scope " + scope;
    return tickets ? base + " (or ticket)" : base;
  }
}
