package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.Scopes;

/**
 * Who may call a route (function-level authorization). Every API route names one; the domain that owns an object
 * still checks ownership (object level).
 *
 * @param signedIn whether a credential is required
 * @param scope    the scope the credential must carry, or null
 * @param guests   whether a caller without a credential becomes a guest
 * @param tickets  whether a stream ticket in the query stands for a credential
 */
record Access(boolean signedIn, String scope, boolean guests, boolean tickets) {

  static final Access PUBLIC = new Access(false, null, false, false);
  static final Access SIGNED_IN = new Access(true, null, false, false);
  static final Access ADMIN = new Access(true, Scopes.ADMIN, false, false);
  /** Signed in, or else a {@link Principal#GUEST} (only {@code /mcp}, only while the conformance pack is on). */
  static final Access SIGNED_IN_OR_GUEST = new Access(false, null, true, false);
  /** Signed in by a credential or by a stream ticket ({@code ?ticket=}): the stream endpoints browsers open. */
  static final Access STREAM = new Access(true, null, false, true);

  static Access scope(String scope) {
    return new Access(true, scope, false, false);
  }

  Principal check(Principal principal) {
    if (guests && principal.isAnonymous()) {
      return Principal.GUEST;
    }
    if (signedIn && principal.isAnonymous()) {
      throw new DomainException(ErrorCode.UNAUTHENTICATED, "This needs a bearer token or an API key.");
    }
    if (scope != null && !principal.hasScope(scope)) {
      throw new DomainException(ErrorCode.FORBIDDEN, "Your credential lacks the scope " + scope + ".");
    }
    if (Scopes.ADMIN.equals(scope) && !principal.isAdmin()) {
      throw new DomainException(ErrorCode.FORBIDDEN, "This needs an administrator.");
    }
    return principal;
  }
}
