package io.agentmesh.verticles.auth;

/**
 * What presenting a refresh token led to: a new token in the same login ({@link Kind#ROTATED}), nothing because the
 * token or its login is not usable ({@link Kind#INVALID}), or the end of the login because an already-used token
 * came back ({@link Kind#REUSED}: someone holds a stolen copy).
 */
record RefreshResult(Kind kind, String loginId, String userId, String refreshToken) {

  enum Kind { ROTATED, INVALID, REUSED }

  static RefreshResult invalid() {
    return new RefreshResult(Kind.INVALID, null, null, null);
  }
}
