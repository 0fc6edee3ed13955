package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.Principal;

/**
 * An authenticated caller and what admission must still check: for an access token, its login and issue time
 * against the revocations in Redis ({@code issuedAtMs} null for API keys and anonymous callers).
 */
record Caller(Principal principal, Long issuedAtMs) {

  static final Caller ANONYMOUS = new Caller(Principal.ANONYMOUS, null);

  boolean needsRevocationCheck() {
    return issuedAtMs != null;
  }
}
