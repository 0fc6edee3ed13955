package io.agentmesh.verticles.auth;

import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.auth.AuditEvent;
import io.agentmesh.contract.auth.AuditPage;
import io.agentmesh.storage.KeysetPage;
import io.agentmesh.storage.RowIds;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Security events in the {@code auth} schema: logins, failures, lockouts, refresh reuse, keys, roles, deletions. */
final class AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  private final Pool pool;

  AuditLog(Pool pool) {
    this.pool = pool;
  }

  /** Records an event; a failure to record is logged and never fails the action it describes. */
  Future<Void> record(String type, String userId, String actorId, String address, JsonObject detail) {
    return pool.preparedQuery("INSERT INTO audit_events (id, type, user_id, actor_id, address, detail) "
        + "VALUES ($1, $2, $3, $4, $5, $6)")
      .execute(Tuple.of(RowIds.next("aud"), type, userId, actorId, address, detail))
      .<Void>mapEmpty()
      .recover(failure -> {
        LOG.error("Could not record audit event {} for {}: {}", type, userId, failure.getMessage());
        return Future.succeededFuture();
      });
  }

  Future<AuditPage> page(ListQuery query) {
    return KeysetPage.fetch(pool, "SELECT id, type, user_id, actor_id, address, detail, created_at FROM audit_events",
        null, List.of(), query)
      .map(page -> {
        List<AuditEvent> events = new ArrayList<>();
        page.rows().forEach(row -> events.add(new AuditEvent(row.getString("id"), row.getString("type"),
          row.getString("user_id"), row.getString("actor_id"), row.getString("address"),
          row.getValue("detail") == null ? null : row.getValue("detail").toString(),
          row.getOffsetDateTime("created_at").toInstant())));
        return new AuditPage(events, page.firstId(), page.lastId(), page.hasMore());
      });
  }
}
