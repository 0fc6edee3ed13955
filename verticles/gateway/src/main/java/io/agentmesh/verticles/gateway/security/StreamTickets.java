package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.Principal;
import io.agentmesh.storage.SecretTokens;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.time.Instant;
import java.util.HexFormat;

/**
 * Stream tickets: browsers cannot put {@code Authorization} on {@code EventSource} or a WebSocket, and a bearer
 * token must never travel in a URL. A signed-in caller gets a ticket ({@code POST /api/v1/stream-tickets}) that a
 * stream endpoint accepts once, within {@value #TTL_SECONDS} s, on any node, as that caller (the revocation check of
 * the token that asked for it still applies). Kept in Redis under the SHA-256 of the ticket, taken atomically.
 */
public final class StreamTickets {

  static final long TTL_SECONDS = 30;
  private static final String TAKE = "local v = redis.call('GET', KEYS[1]) "
    + "if v then redis.call('DEL', KEYS[1]) end return v";

  private final Redis redis;

  public StreamTickets(Redis redis) {
    this.redis = redis;
  }

  public Future<JsonObject> issue(Caller caller) {
    String ticket = SecretTokens.generate("stk_");
    JsonObject holder = new JsonObject().put("principal", caller.principal().toHeader())
      .put("iat", caller.issuedAtMs()).put("exp", caller.expiresAtMs());
    return redis.send(Request.cmd(Command.SET).arg(key(ticket)).arg(holder.encode()).arg("EX").arg(TTL_SECONDS)
        .arg("NX"))
      .map(stored -> new JsonObject().put("ticket", ticket)
        .put("expires_at", Instant.now().plusSeconds(TTL_SECONDS).toString()));
  }

  /** The caller the ticket was issued to; 401 when it is unknown, used or expired. */
  Future<Caller> redeem(String ticket) {
    return redis.send(Request.cmd(Command.EVAL).arg(TAKE).arg(1).arg(key(ticket))).compose(found -> {
      if (found == null) {
        return Future.failedFuture(new DomainException(ErrorCode.UNAUTHENTICATED,
          "The stream ticket is unknown, already used or expired."));
      }
      JsonObject holder = new JsonObject(found.toString());
      return Future.succeededFuture(new Caller(Principal.fromHeader(holder.getString("principal")),
        holder.getLong("iat"), holder.getLong("exp")));
    });
  }

  private static String key(String ticket) {
    return "st:" + HexFormat.of().formatHex(SecretTokens.sha256(ticket));
  }
}
