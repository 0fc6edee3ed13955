package io.agentmesh.verticles.auth;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.MessageSchemas;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.auth.AuditPage;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.UserPage;
import io.agentmesh.contract.auth.UserUpdate;
import io.agentmesh.contract.auth.UserView;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import static io.agentmesh.verticles.auth.LoginService.address;

/** Administration: users, the audit log, signing-key rotation. Every call re-checks the admin role and scope. */
final class AdminService {

  private final AuthParts parts;
  private final AccountService accounts;

  AdminService(AuthParts parts, AccountService accounts) {
    this.parts = parts;
    this.accounts = accounts;
  }

  Future<UserPage> users(Message<ListQuery> message) {
    RequestConsumers.admin(message);
    return parts.users().page(valid(message.body()));
  }

  /** A changed role or a disabled flag takes effect at once: the user's live tokens are revoked. */
  Future<UserView> update(Message<UserUpdate> message) {
    Principal admin = RequestConsumers.admin(message);
    UserUpdate request = message.body();
    MessageSchemas.require("auth.users.update", request);
    return parts.users().update(request.userId(), request.roles(), request.disabled()).compose(user -> {
      if (user.isEmpty()) {
        return Future.failedFuture(DomainException.notFound("User " + request.userId()));
      }
      Future<?> logins = Boolean.TRUE.equals(request.disabled())
        ? parts.logins().revokeAll(request.userId(), null, "disabled").compose(parts.revocations()::logins)
        : Future.succeededFuture();
      parts.userChanged(request.userId());
      return logins.compose(ok -> parts.revocations().userTokensUntilNow(request.userId(), true))
        .compose(ok -> parts.audit().record("user.updated", request.userId(), admin.userId(), address(message),
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
    return parts.audit().page(valid(message.body()));
  }

  Future<JsonObject> rotateKeys(Message<Object> message) {
    Principal admin = RequestConsumers.admin(message);
    return parts.keys().rotate()
      .compose(ok -> parts.audit().record("signing_key.rotated", null, admin.userId(), address(message),
        new JsonObject().put("kid", parts.keys().activeKid())))
      .compose(ok -> parts.keys().jwks());
  }

  private static ListQuery valid(ListQuery query) {
    ListQuery q = query == null ? new ListQuery(null, null, null, null) : query;
    if (!q.problems().isEmpty()) {
      throw DomainException.validation(q.problems());
    }
    return q;
  }
}
