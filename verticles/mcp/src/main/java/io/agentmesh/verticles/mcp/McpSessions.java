package io.agentmesh.verticles.mcp;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.mcp.McpSession;
import io.agentmesh.contract.mcp.McpSessionAddresses;
import io.agentmesh.storage.ExpiringCache;
import io.agentmesh.storage.SecretTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.List;


/**
 * MCP sessions in PostgreSQL, with a small per-instance cache of open sessions; a change or an end is published on
 * {@link McpSessionAddresses#CHANGED} and drops the session from every cache (at most {@link #TTL_MS} old anyway). A
 * session is visible only
 * to the user who opened it: anyone else, like an unknown or closed id, gets "not found".
 */
final class McpSessions {

  static final long TTL_MS = 2_000;

  private final Pool pool;
  private final ExpiringCache<String, McpSession> cache = new ExpiringCache<>(10_000, TTL_MS);

  private final EventBus bus;

  McpSessions(Vertx vertx, Pool pool) {
    this.pool = pool;
    this.bus = vertx.eventBus();
    bus.<String>consumer(McpSessionAddresses.CHANGED, changed -> cache.remove(changed.body()));
  }

  Future<McpSession> open(Message<McpSession> message) {
    Principal caller = RequestConsumers.caller(message);
    McpSession session = new McpSession(SecretTokens.generate("mcs_"), caller.userId(), message.body()
      .protocolVersion(),
      "info", message.body().clientCapabilities());
    return pool.preparedQuery("INSERT INTO sessions (id, user_id, protocol_version, client_capabilities) "
        + "VALUES ($1, $2, $3, $4)")
      .execute(Tuple.of(session.id(), session.userId(), session.protocolVersion())
        .addArrayOfString(session.clientCapabilities().toArray(String[]::new))).map(session);
  }

  Future<McpSession> check(Message<McpSession> message) {
    return check(message, message.body().id());
  }

  /** The session {@code id} if it is open and belongs to the caller of {@code message}; else "not found". */
  Future<McpSession> check(Message<?> message, String id) {
    Principal caller = RequestConsumers.caller(message);
    McpSession cached = cache.get(id);
    Future<McpSession> found = cached != null ? Future.succeededFuture(cached)
      : pool.preparedQuery(
        "SELECT id, user_id, protocol_version, log_level, client_capabilities FROM sessions WHERE id = $1 "
        + "AND closed_at IS NULL")
        .execute(Tuple.of(id)).map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          var row = rows.iterator().next();
          McpSession session = new McpSession(row.getString("id"), row.getString("user_id"),
            row.getString("protocol_version"), row.getString("log_level"),
            List.of(row.getArrayOfStrings("client_capabilities")));
          cache.put(id, session);
          return session;
        });
    return found.compose(session -> session == null || !session.userId().equals(caller.userId())
      ? Future.failedFuture(DomainException.notFound("MCP session"))
      : Future.succeededFuture(session));
  }

  /** logging/setLevel: applies on every node within the session cache's {@link #TTL_MS}. */
  Future<Void> setLevel(Message<McpSession> message) {
    String level = message.body().logLevel();
    if (!McpSession.LEVELS.contains(level)) {
      return Future.failedFuture(DomainException.validation(List.of(
        new FieldError("level", "must be one of " + McpSession.LEVELS))));
    }
    return check(message).compose(session -> {
      cache.remove(session.id());
      return pool.preparedQuery("UPDATE sessions SET log_level = $2 WHERE id = $1")
        .execute(Tuple.of(session.id(), level))
        .onSuccess(done -> bus.publish(McpSessionAddresses.CHANGED, session.id())).mapEmpty();
    });
  }

  Future<Void> close(Message<McpSession> message) {
    return check(message).compose(session -> {
      cache.remove(session.id());
      return pool.preparedQuery("UPDATE sessions SET closed_at = now() WHERE id = $1")
        .execute(Tuple.of(session.id()))
        .onSuccess(done -> bus.publish(McpSessionAddresses.CHANGED, session.id())).mapEmpty();
    });
  }
}
