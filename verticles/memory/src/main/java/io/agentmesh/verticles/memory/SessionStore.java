package io.agentmesh.verticles.memory;

import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.memory.Session;
import io.agentmesh.contract.memory.SessionPage;
import io.agentmesh.storage.KeysetPage;
import io.agentmesh.storage.RowIds;
import io.agentmesh.storage.SqlConditions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code sessions} table. */
final class SessionStore {

  /** A session with the encoding its token counts use. */
  record Stored(Session session, String encoding) {
  }

  private final Pool pool;

  SessionStore(Pool pool) {
    this.pool = pool;
  }

  Future<Session> insert(String agentId, String userId, String title, Map<String, String> metadata, String encoding) {
    return pool.preparedQuery("INSERT INTO sessions (id, agent_id, user_id, title, metadata, encoding) "
        + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + MemoryRows.SESSION_COLUMNS)
      .execute(Tuple.of(RowIds.next("ses"), agentId, userId, title, new JsonObject(new HashMap<>(metadata)),
        encoding))
      .map(rows -> MemoryRows.session(rows.iterator().next()));
  }

  Future<Optional<Stored>> find(String id) {
    return pool.preparedQuery("SELECT " + MemoryRows.SESSION_COLUMNS + " FROM sessions WHERE id = $1")
      .execute(Tuple.of(id))
      .map(rows -> {
        if (rows.size() == 0) {
          return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new Stored(MemoryRows.session(row), row.getString("encoding")));
      });
  }

  /** Sessions of an agent (or of every agent when null); of one user unless {@code userId} is null (admins). */
  Future<SessionPage> page(String agentId, String userId, ListQuery query) {
    SqlConditions where = new SqlConditions().equal("agent_id", agentId).equal("user_id", userId);
    return KeysetPage.fetch(pool, "SELECT " + MemoryRows.SESSION_COLUMNS + " FROM sessions", where.condition(),
        where.params(), query)
      .map(page -> {
        List<Session> sessions = new ArrayList<>();
        page.rows().forEach(row -> sessions.add(MemoryRows.session(row)));
        return new SessionPage(sessions, page.firstId(), page.lastId(), page.hasMore());
      });
  }

  Future<Void> delete(String id) {
    return pool.preparedQuery("DELETE FROM sessions WHERE id = $1").execute(Tuple.of(id)).mapEmpty();
  }

  /** Removes sessions (and, by cascade, their messages) of an agent or of a user. */
  Future<Integer> deleteWhere(String column, String value) {
    return pool.preparedQuery("DELETE FROM sessions WHERE " + column + " = $1").execute(Tuple.of(value))
      .map(rows -> rows.rowCount());
  }
}
