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
 */
record Access(boolean signedIn, String scope) {

  static final Access PUBLIC = new Access(false, null);
  static final Access SIGNED_IN = new Access(true, null);
  static final Access ADMIN = new Access(true, Scopes.ADMIN);

  static Access scope(String scope) {
    return new Access(true, scope);
  }

  Principal check(Principal principal) {
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
