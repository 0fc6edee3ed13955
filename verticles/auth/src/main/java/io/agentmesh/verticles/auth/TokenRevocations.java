package io.agentmesh.verticles.auth;

import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.CredentialsRevoked;
import io.agentmesh.contract.auth.Revocations;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.util.List;

/**
 * Makes access tokens stop working before they expire: the gateway checks these Redis keys on every request, so a
 * revocation holds on every node as soon as Redis has it. Each key lives as long as an access token can. Once a key
 * is written, {@link AuthAddresses#CREDENTIALS_REVOKED} tells every gateway to end what the credential holds open.
 */
final class TokenRevocations {

  private final Redis redis;
  private final EventBus bus;
  private final long ttlSeconds;

  TokenRevocations(Redis redis, EventBus bus, AuthOptions options) {
    this.redis = redis;
    this.bus = bus;
    this.ttlSeconds = options.accessTtlSeconds() + 60;
  }

  Future<Void> login(String loginId) {
    return redis.send(Request.cmd(Command.SET).arg(Revocations.login(loginId)).arg("1").arg("EX").arg(ttlSeconds))
      .onSuccess(ok -> announce(new CredentialsRevoked(null, loginId, null, false))).mapEmpty();
  }

  /** An API key was revoked: it is checked on every use, so only what it holds open needs telling. */
  void apiKey(String userId, String keyId) {
    announce(new CredentialsRevoked(userId, keyId, null, false));
  }

  Future<Void> logins(List<String> loginIds) {
    return Future.all(loginIds.stream().map(this::login).toList()).mapEmpty();
  }

  /**
   * Every token of the user issued up to now stops working (compared in milliseconds with {@code iat_ms}); with
   * {@code apiKeysToo} (the user was disabled, changed or deleted) what their API keys hold open ends as well.
   */
  Future<Void> userTokensUntilNow(String userId, boolean apiKeysToo) {
    long now = System.currentTimeMillis();
    return redis.send(Request.cmd(Command.SET).arg(Revocations.userBefore(userId)).arg(now).arg("EX").arg(ttlSeconds))
      .onSuccess(ok -> announce(new CredentialsRevoked(userId, null, now, apiKeysToo))).mapEmpty();
  }

  private void announce(CredentialsRevoked revoked) {
    bus.publish(AuthAddresses.CREDENTIALS_REVOKED, revoked);
  }
}
