package io.agentmesh.verticles.auth;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.MessageSchemas;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.ApiKeyCheck;
import io.agentmesh.contract.auth.ApiKeyCreate;
import io.agentmesh.contract.auth.ApiKeyCreated;
import io.agentmesh.contract.auth.ApiKeyList;
import io.agentmesh.contract.auth.Scopes;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.agentmesh.verticles.auth.LoginService.address;

/**
 * API keys. A key's effective scopes are its own scopes intersected with what its owner's roles allow today: a user
 * cannot mint a key above their own rights, and demoting the owner narrows every key at once.
 */
final class ApiKeyService {

  private final ApiKeyStore apiKeys;
  private final TokenRevocations revocations;
  private final AuditLog audit;

  ApiKeyService(ApiKeyStore apiKeys, TokenRevocations revocations, AuditLog audit) {
    this.apiKeys = apiKeys;
    this.revocations = revocations;
    this.audit = audit;
  }

  Future<ApiKeyCreated> create(Message<ApiKeyCreate> message) {
    Principal caller = RequestConsumers.interactive(message);
    ApiKeyCreate request = message.body();
    MessageSchemas.require("auth.api_keys.create", request);
    Set<String> beyond = new HashSet<>(request.scopes());
    beyond.removeAll(caller.scopes());
    if (!beyond.isEmpty()) {
      throw DomainException.validation(List.of(new FieldError("scopes", "exceed what your role allows: " + beyond)));
    }
    if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
      throw DomainException.validation(List.of(new FieldError("expires_at", "must be in the future")));
    }
    return apiKeys.create(caller.userId(), request.name(), request.scopes(), request.expiresAt())
      .compose(created -> audit.record("api_key.created", caller.userId(), caller.userId(), address(message),
          new JsonObject().put("key_id", created.view().id()).put("scopes", new JsonArray(request.scopes())))
        .map(new ApiKeyCreated(created.view(), created.key())));
  }

  Future<ApiKeyList> list(Message<Object> message) {
    Principal caller = RequestConsumers.interactive(message);
    return apiKeys.live(caller.userId()).map(ApiKeyList::new);
  }

  Future<Void> revoke(Message<ResourceId> message) {
    Principal caller = RequestConsumers.interactive(message);
    String keyId = message.body().id();
    return apiKeys.revoke(caller.userId(), keyId).compose(revoked -> revoked
      ? revocations.apiKey(caller.userId(), keyId).compose(recorded -> audit.record("api_key.revoked",
        caller.userId(), caller.userId(), address(message), new JsonObject().put("key_id", keyId)))
      : Future.failedFuture(DomainException.notFound("API key " + keyId)));
  }

  /** The gateway's question: whom does this key act for, with which scopes? */
  Future<Principal> verify(Message<ApiKeyCheck> message) {
    String key = message.body() == null ? null : message.body().key();
    if (key == null) {
      return Future.failedFuture(new DomainException(ErrorCode.UNAUTHENTICATED, "The API key is not valid."));
    }
    return apiKeys.verify(key).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new DomainException(ErrorCode.UNAUTHENTICATED, "The API key is not valid."));
      }
      ApiKeyStore.VerifiedKey verified = found.get();
      Set<String> effective = new HashSet<>(verified.keyScopes());
      effective.retainAll(Scopes.forRoles(verified.ownerRoles()));
      return Future.succeededFuture(new Principal(verified.userId(), verified.ownerRoles(), effective,
        verified.keyId()));
    });
  }
}
