package io.agentmesh.verticles.auth;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.MessageSchemas;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.auth.PasswordChange;
import io.agentmesh.contract.auth.RegisterRequest;
import io.agentmesh.contract.auth.UserView;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;

import java.util.List;

import static io.agentmesh.verticles.auth.LoginService.address;

/** A user's own account: registration, profile, password, deletion. */
final class AccountService {

  private final UserStore users;
  private final LoginStore logins;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final TokenRevocations revocations;
  private final UserViewCache views;
  private final UserEvents events;
  private final AuditLog audit;

  AccountService(UserStore users, LoginStore logins, PasswordHasher hasher, PasswordPolicy policy,
                 TokenRevocations revocations, UserViewCache views, UserEvents events, AuditLog audit) {
    this.users = users;
    this.logins = logins;
    this.hasher = hasher;
    this.policy = policy;
    this.revocations = revocations;
    this.views = views;
    this.events = events;
    this.audit = audit;
  }

  /** A taken username or email is a 409 to this call only; nothing else reveals who is registered. */
  Future<UserView> register(Message<RegisterRequest> message) {
    RegisterRequest request = message.body();
    MessageSchemas.require("auth.register", request);
    policy.check("password", request.password());
    return hasher.hash(request.password())
      .compose(hash -> users.insert(request.username(), request.email(), hash, List.of("user")))
      .compose(user -> audit.record("user.registered", user.id(), user.id(), address(message), null)
        .map(user.view()));
  }

  Future<UserView> me(Message<Object> message) {
    Principal caller = RequestConsumers.caller(message);
    return views.get(caller.userId(), users).compose(user -> user.map(Future::succeededFuture)
      .orElseGet(() -> Future.failedFuture(DomainException.notFound("User " + caller.userId()))));
  }

  /** Needs the current password; ends every other login of the user. */
  Future<Void> changePassword(Message<PasswordChange> message) {
    Principal caller = RequestConsumers.interactive(message);
    PasswordChange request = message.body();
    MessageSchemas.require("auth.password.change", request);
    policy.check("new_password", request.newPassword());
    return users.findById(caller.userId())
      .compose(user -> user.isEmpty() ? Future.failedFuture(DomainException.notFound("User " + caller.userId()))
        : hasher.verify(user.get().passwordHash(), request.currentPassword()))
      .compose(matches -> matches ? hasher.hash(request.newPassword())
        : Future.failedFuture(DomainException.validation(List.of(new FieldError("current_password",
          "is not the current password")))))
      .compose(hash -> users.updatePasswordHash(caller.userId(), hash))
      .compose(ok -> logins.revokeAll(caller.userId(), caller.credentialId(), "password_changed"))
      .compose(ended -> revocations.logins(ended))
      .compose(ok -> audit.record("password.changed", caller.userId(), caller.userId(), address(message),
        null));
  }

  Future<Void> deleteMe(Message<Object> message) {
    Principal caller = RequestConsumers.interactive(message);
    return delete(caller.userId(), caller.userId(), address(message));
  }

  /** Removes the user and tells every domain, which deletes or anonymizes that user's data. */
  Future<Void> delete(String userId, String actorId, String address) {
    return users.delete(userId).compose(deleted -> deleted
      ? revocations.userTokensUntilNow(userId, true)
        .compose(ok -> audit.record("user.deleted", userId, actorId, address, null))
        .onSuccess(ok -> {
          events.changed(userId);
          events.deleted(userId);
        })
      : Future.failedFuture(DomainException.notFound("User " + userId)));
  }
}
