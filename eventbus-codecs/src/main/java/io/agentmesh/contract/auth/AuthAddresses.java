package io.agentmesh.contract.auth;

/** Addresses of the auth domain. Requests carry the caller in bus headers; bodies are records of this package. */
public final class AuthAddresses {

  public static final String REGISTER = "auth.register";
  public static final String LOGIN = "auth.login";
  public static final String REFRESH = "auth.refresh";
  public static final String LOGOUT = "auth.logout";
  public static final String LOGOUT_ALL = "auth.logout_all";
  public static final String ME = "auth.me";
  public static final String DELETE_ME = "auth.me.delete";
  public static final String PASSWORD_CHANGE = "auth.password.change";
  public static final String LOGINS_LIST = "auth.logins.list";
  public static final String LOGIN_END = "auth.logins.end";
  public static final String API_KEY_CREATE = "auth.api_keys.create";
  public static final String API_KEY_LIST = "auth.api_keys.list";
  public static final String API_KEY_REVOKE = "auth.api_keys.revoke";
  /** The gateway resolves an API key to the {@link io.agentmesh.contract.Principal} it acts for. */
  public static final String API_KEY_VERIFY = "auth.api_keys.verify";
  public static final String USERS_LIST = "auth.users.list";
  public static final String USER_UPDATE = "auth.users.update";
  public static final String USER_DELETE = "auth.users.delete";
  public static final String AUDIT_LIST = "auth.audit.list";
  /** The public signing keys as a JWK set ({@code {"keys": [...]}}), for verifiers and /.well-known/jwks.json. */
  public static final String SIGNING_KEYS = "auth.signing_keys";
  public static final String SIGNING_KEYS_ROTATE = "auth.signing_keys.rotate";
  /** Published when the key set changes; verifiers reload it. */
  public static final String SIGNING_KEYS_CHANGED = "auth.signing_keys.changed";
  /** Published (the user id) when a user changes, so every auth instance drops its cached view of that user. */
  public static final String USERS_CHANGED = "auth.users.changed";
  /**
   * Published ({@link CredentialsRevoked}) once a revocation is recorded in PostgreSQL: every gateway stops admitting
   * the credential at once, and streams opened with it end.
   */
  public static final String CREDENTIALS_REVOKED = "events.auth.credentials.revoked";
  /**
   * {@link RevocationQuery} → {@link RevocationPage}: the live revocations, for a gateway that starts, and for the
   * periodic catch-up that repairs a missed announcement (a partition, a restart).
   */
  public static final String REVOCATIONS_LIST = "auth.revocations.list";
  /** Published (a {@link UserDeleted}) when a user is removed: every domain deletes or anonymizes their data. */
  public static final String USER_DELETED = "events.user.deleted";

  private AuthAddresses() {
  }
}
