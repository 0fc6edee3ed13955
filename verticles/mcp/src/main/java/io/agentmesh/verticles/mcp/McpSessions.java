package io.agentmesh.verticles.mcp;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.tools.McpSession;
import io.agentmesh.storage.ExpiringCache;
import io.agentmesh.storage.SecretTokens;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;


/**
 * MCP sessions in PostgreSQL, with a small per-instance cache of open sessions (a closed session is removed from
 * the cache of the node that closed it; other nodes re-read it within {@link #TTL_MS}). A session is visible only
 * to the user who opened it: anyone else, like an unknown or closed id, gets "not found".
 */
final class McpSessions {

  static final long TTL_MS = 2_000;

  private final Pool pool;
  private final ExpiringCache<String, McpSession> cache = new ExpiringCache<>(10_000, TTL_MS);

  McpSessions(Pool pool) {
    this.pool = pool;
  }

  Future<McpSession> open(Message<McpSession> message) {
    Principal caller = RequestConsumers.caller(message);
    McpSession session = new McpSession(SecretTokens.generate("mcs_"), caller.userId(), message.body().protocolVersion());
    return pool.preparedQuery("INSERT INTO sessions (id, user_id, protocol_version) VALUES ($1, $2, $3)")
      .execute(Tuple.of(session.id(), session.userId(), session.protocolVersion())).map(session);
  }

  Future<McpSession> check(Message<McpSession> message) {
    Principal caller = RequestConsumers.caller(message);
    String id = message.body().id();
    McpSession cached = cache.get(id);
    Future<McpSession> found = cached != null ? Future.succeededFuture(cached)
      : pool.preparedQuery("SELECT id, user_id, protocol_version FROM sessions WHERE id = $1 AND closed_at IS NULL")
        .execute(Tuple.of(id)).map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          var row = rows.iterator().next();
          McpSession session = new McpSession(row.getString("id"), row.getString("user_id"),
            row.getString("protocol_version"));
          cache.put(id, session);
          return session;
        });
    return found.compose(session -> session == null || !session.userId().equals(caller.userId())
      ? Future.failedFuture(DomainException.notFound("MCP session"))
      : Future.succeededFuture(session));
  }

  Future<Void> close(Message<McpSession> message) {
    return check(message).compose(session -> {
      cache.remove(session.id());
      return pool.preparedQuery("UPDATE sessions SET closed_at = now() WHERE id = $1")
        .execute(Tuple.of(session.id())).mapEmpty();
    });
  }
}
