package io.agentmesh.verticles.auth;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.storage.SecretTokens;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.HexFormat;
import java.util.Locale;

/**
 * Brute-force brakes in Redis, shared by every node. Failures are counted per (account, client address) and per
 * client address; the failure that reaches the threshold, and each one after it, blocks that key for a doubling
 * delay (1 s, 2 s, ... capped): with a threshold of 5, five wrong passwords are answered and the sixth try is not.
 * Keys use a
 * hash of the name given, whether or not such an account exists, so throttling never reveals an account. An
 * attacker elsewhere cannot lock the real owner out: the owner's own address has its own counter.
 */
final class LoginThrottle {

  private final Redis redis;
  private final AuthOptions options;

  LoginThrottle(Redis redis, AuthOptions options) {
    this.redis = redis;
    this.options = options;
  }

  /** Fails with 429 and Retry-After while either key is blocked. */
  Future<Void> check(String username, String address) {
    return redis.send(Request.cmd(Command.PTTL).arg(blockKey(pairKey(username, address))))
      .compose(pair -> redis.send(Request.cmd(Command.PTTL).arg(blockKey(addressKey(address))))
        .map(addr -> Math.max(millis(pair), millis(addr))))
      .compose(blockedMs -> blockedMs > 0
        ? Future.failedFuture(DomainException.retryLater(ErrorCode.RATE_LIMITED,
          "Too many failed sign-ins; try again later.", (int) Math.ceil(blockedMs / 1000.0)))
        : Future.succeededFuture());
  }

  /** Counts a failure; answers true when it started a block (for the audit log). */
  Future<Boolean> failed(String username, String address) {
    return count(pairKey(username, address), options.lockoutThreshold())
      .compose(pairBlocked -> count(addressKey(address), options.lockoutAddressThreshold())
        .map(addressBlocked -> pairBlocked || addressBlocked));
  }

  Future<Void> succeeded(String username, String address) {
    String pair = pairKey(username, address);
    return redis.send(Request.cmd(Command.DEL).arg(pair).arg(blockKey(pair))).mapEmpty();
  }

  private Future<Boolean> count(String key, int threshold) {
    return redis.send(Request.cmd(Command.INCR).arg(key)).compose(count -> {
      long failures = count.toLong();
      Future<Response> expiry = failures == 1
        ? redis.send(Request.cmd(Command.EXPIRE).arg(key).arg(options.lockoutWindowSeconds()))
        : Future.succeededFuture();
      if (failures < threshold) {
        return expiry.map(false);
      }
      long delay = Math.min(options.lockoutMaxDelaySeconds(), 1L << Math.min(20, failures - threshold));
      return expiry.compose(ok -> redis.send(Request.cmd(Command.SET).arg(blockKey(key)).arg("1").arg("EX")
        .arg(delay))).map(true);
    });
  }

  private static long millis(Response pttl) {
    return pttl == null ? 0 : pttl.toLong();
  }

  private static String pairKey(String username, String address) {
    String account = HexFormat.of().formatHex(SecretTokens.sha256(username.toLowerCase(Locale.ROOT)), 0, 12);
    return "auth:fail:pair:" + account + ":" + address;
  }

  private static String addressKey(String address) {
    return "auth:fail:addr:" + address;
  }

  private static String blockKey(String key) {
    return key + ":blocked";
  }
}
