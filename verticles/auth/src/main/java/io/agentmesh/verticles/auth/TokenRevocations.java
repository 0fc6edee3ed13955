package io.agentmesh.verticles.auth;

import io.agentmesh.contract.auth.Revocations;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.util.List;

/**
 * Makes access tokens stop working before they expire: the gateway checks these Redis keys on every request, so a
 * revocation holds on every node as soon as Redis has it. Each key lives as long as an access token can.
 */
final class TokenRevocations {

  private final Redis redis;
  private final long ttlSeconds;

  TokenRevocations(Redis redis, AuthOptions options) {
    this.redis = redis;
    this.ttlSeconds = options.accessTtlSeconds() + 60;
  }

  Future<Void> login(String loginId) {
    return redis.send(Request.cmd(Command.SET).arg(Revocations.login(loginId)).arg("1").arg("EX").arg(ttlSeconds))
      .mapEmpty();
  }

  Future<Void> logins(List<String> loginIds) {
    return Future.all(loginIds.stream().map(this::login).toList()).mapEmpty();
  }

  /** Every token of the user issued up to now stops working (compared in milliseconds with {@code iat_ms}). */
  Future<Void> userTokensUntilNow(String userId) {
    long now = System.currentTimeMillis();
    return redis.send(Request.cmd(Command.SET).arg(Revocations.userBefore(userId)).arg(now).arg("EX").arg(ttlSeconds))
      .mapEmpty();
  }
}
