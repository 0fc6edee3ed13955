package io.agentmesh.verticles.auth;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.MessageSchemas;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.AuditPage;
import io.agentmesh.contract.auth.UserPage;
import io.agentmesh.contract.auth.UserUpdate;
import io.agentmesh.contract.auth.UserView;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import static io.agentmesh.verticles.auth.LoginService.address;

/** Administration: users, the audit log, signing-key rotation. Every call re-checks the admin role and scope. */
final class AdminService {

  private final UserStore users;
  private final LoginStore logins;
  private final SigningKeys keys;
  private final TokenRevocations revocations;
  private final UserEvents events;
  private final AuditLog audit;
  private final AccountService accounts;

  AdminService(UserStore users, LoginStore logins, SigningKeys keys, TokenRevocations revocations,
               UserEvents events, AuditLog audit, AccountService accounts) {
    this.users = users;
    this.logins = logins;
    this.keys = keys;
    this.revocations = revocations;
    this.events = events;
    this.audit = audit;
    this.accounts = accounts;
  }

  Future<UserPage> users(Message<ListQuery> message) {
    RequestConsumers.admin(message);
    return users.page(valid(message.body()));
  }

  /** A changed role or a disabled flag takes effect at once: the user's live tokens are revoked. */
  Future<UserView> update(Message<UserUpdate> message) {
    Principal admin = RequestConsumers.admin(message);
    UserUpdate request = message.body();
    MessageSchemas.require("auth.users.update", request);
    return users.update(request.userId(), request.roles(), request.disabled()).compose(user -> {
      if (user.isEmpty()) {
        return Future.failedFuture(DomainException.notFound("User " + request.userId()));
      }
      Future<?> loginsEnded = Boolean.TRUE.equals(request.disabled())
        ? logins.revokeAll(request.userId(), null, "disabled").compose(revocations::logins)
        : Future.succeededFuture();
      events.changed(request.userId());
      return loginsEnded.compose(ok -> revocations.userTokensUntilNow(request.userId(), true))
        .compose(ok -> audit.record("user.updated", request.userId(), admin.userId(), address(message),
          MessageJson.toJson(request)))
        .map(user.get().view());
    });
  }

  Future<Void> delete(Message<ResourceId> message) {
    Principal admin = RequestConsumers.admin(message);
    return accounts.delete(message.body().id(), admin.userId(), address(message));
  }

  Future<AuditPage> audit(Message<ListQuery> message) {
    RequestConsumers.admin(message);
    return audit.page(valid(message.body()));
  }

  Future<JsonObject> rotateKeys(Message<Object> message) {
    Principal admin = RequestConsumers.admin(message);
    return keys.rotate()
      .compose(ok -> audit.record("signing_key.rotated", null, admin.userId(), address(message),
        new JsonObject().put("kid", keys.activeKid())))
      .compose(ok -> keys.jwks());
  }

  private static ListQuery valid(ListQuery query) {
    ListQuery q = query == null ? new ListQuery(null, null, null, null) : query;
    if (!q.problems().isEmpty()) {
      throw DomainException.validation(q.problems());
    }
    return q;
  }
}
