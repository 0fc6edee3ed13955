package io.agentmesh.verticles.auth;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.MessageSchemas;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.LoginList;
import io.agentmesh.contract.auth.LoginRequest;
import io.agentmesh.contract.auth.RefreshRequest;
import io.agentmesh.contract.auth.TokenPair;
import io.agentmesh.storage.SecretTokens;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/** Login, refresh, logout, and a user's view of their own logins. */
final class LoginService {

  private static final String BAD_CREDENTIALS = "Invalid username or password.";
  private static final String BAD_REFRESH = "The refresh token is not valid.";

  private final UserStore users;
  private final LoginStore logins;
  private final PasswordHasher hasher;
  private final TokenIssuer issuer;
  private final TokenRevocations revocations;
  private final LoginThrottle throttle;
  private final AuditLog audit;

  LoginService(UserStore users, LoginStore logins, PasswordHasher hasher, TokenIssuer issuer,
               TokenRevocations revocations, LoginThrottle throttle, AuditLog audit) {
    this.users = users;
    this.logins = logins;
    this.hasher = hasher;
    this.issuer = issuer;
    this.revocations = revocations;
    this.throttle = throttle;
    this.audit = audit;
  }

  /**
   * An unknown user costs the same as a wrong password (a decoy hash is verified) and gets the same answer, so
   * neither timing nor body tells whether an account exists.
   */
  Future<TokenPair> login(Message<LoginRequest> message) {
    LoginRequest request = message.body();
    MessageSchemas.require("auth.login", request);
    String address = address(message);
    return throttle.check(request.username(), address)
      .compose(ok -> users.findByLogin(request.username()))
      .compose(user -> checkPassword(user, request.password()))
      .compose(user -> user.isPresent()
        ? signIn(user.get(), request, address, BusHeaders.userAgent(message))
        : failedLogin(request.username(), address));
  }

  private Future<Optional<UserRow>> checkPassword(Optional<UserRow> user, String password) {
    if (user.isEmpty()) {
      return hasher.verifyDecoy(password).map(ignored -> Optional.empty());
    }
    return hasher.verify(user.get().passwordHash(), password)
      .map(matches -> matches && !user.get().disabled() ? user : Optional.empty());
  }

  private Future<TokenPair> signIn(UserRow user, LoginRequest request, String address, String device) {
    String refreshToken = SecretTokens.generate(TokenIssuer.REFRESH_PREFIX);
    if (hasher.needsRehash(user.passwordHash())) {
      hasher.hash(request.password()).compose(hash -> users.updatePasswordHash(user.id(), hash));
    }
    return throttle.succeeded(request.username(), address)
      .compose(ok -> logins.create(user.id(), device, address, refreshToken))
      .compose(loginId -> audit.record("login.succeeded", user.id(), user.id(), address,
          new JsonObject().put("login_id", loginId))
        .map(ok -> issuer.pair(user, loginId, refreshToken)));
  }

  private Future<TokenPair> failedLogin(String username, String address) {
    return throttle.failed(username, address)
      .compose(blocked -> audit.record(blocked ? "login.locked" : "login.failed", null, null, address,
        new JsonObject().put("username", username)))
      .compose(ok -> Future.failedFuture(new DomainException(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS)));
  }

  /** Rotates a refresh token. A token presented twice ends its whole login (see {@link LoginStore}). */
  Future<TokenPair> refresh(Message<RefreshRequest> message) {
    RefreshRequest request = message.body();
    MessageSchemas.require("auth.refresh", request);
    String replacement = SecretTokens.generate(TokenIssuer.REFRESH_PREFIX);
    return logins.refresh(request.refreshToken(), replacement).compose(result -> switch (result.kind()) {
      case INVALID -> Future.failedFuture(new DomainException(ErrorCode.UNAUTHENTICATED, BAD_REFRESH));
      case REUSED -> revocations.login(result.loginId())
        .compose(ok -> audit.record("refresh.reused", result.userId(), null, address(message),
          new JsonObject().put("login_id", result.loginId())))
        .compose(ok -> Future.failedFuture(new DomainException(ErrorCode.UNAUTHENTICATED, BAD_REFRESH)));
      case ROTATED -> users.findById(result.userId()).compose(user -> user
        .map(u -> Future.succeededFuture(issuer.pair(u, result.loginId(), result.refreshToken())))
        .orElseGet(() -> Future.failedFuture(new DomainException(ErrorCode.UNAUTHENTICATED, BAD_REFRESH))));
    });
  }

  /** Ends the login of a refresh token. Answers the same whether or not the token was known. */
  Future<Void> logout(Message<RefreshRequest> message) {
    RefreshRequest request = message.body();
    MessageSchemas.require("auth.refresh", request);
    return logins.revokeByToken(request.refreshToken(), "logout").compose(login -> login.isEmpty()
      ? Future.succeededFuture()
      : revocations.login(login.get().loginId())
        .compose(ok -> audit.record("logout", login.get().userId(), login.get().userId(), address(message),
          new JsonObject().put("login_id", login.get().loginId()))));
  }

  Future<Void> logoutAll(Message<Object> message) {
    Principal caller = RequestConsumers.interactive(message);
    return logins.revokeAll(caller.userId(), null, "logout_all")
      .compose(ids -> revocations.userTokensUntilNow(caller.userId(), false))
      .compose(ok -> audit.record("logout.all", caller.userId(), caller.userId(), address(message), null));
  }

  Future<LoginList> list(Message<Object> message) {
    Principal caller = RequestConsumers.interactive(message);
    return logins.live(caller.userId()).map(LoginList::new);
  }

  Future<Void> end(Message<ResourceId> message) {
    Principal caller = RequestConsumers.interactive(message);
    String loginId = message.body().id();
    return logins.revokeOwned(caller.userId(), loginId, "ended_by_user").compose(ended -> ended
      ? revocations.login(loginId).compose(ok -> audit.record("login.ended", caller.userId(),
        caller.userId(), address(message), new JsonObject().put("login_id", loginId)))
      : Future.failedFuture(DomainException.notFound("Login " + loginId)));
  }

  static String address(Message<?> message) {
    String address = BusHeaders.clientAddress(message);
    return address == null ? "unknown" : address;
  }
}
