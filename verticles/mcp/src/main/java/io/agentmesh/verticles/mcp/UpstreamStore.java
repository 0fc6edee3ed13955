package io.agentmesh.verticles.mcp;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.agentmesh.contract.tools.UpstreamDraft;
import io.agentmesh.storage.RowValues;
import io.agentmesh.storage.UniqueViolation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Federated MCP servers in PostgreSQL, the truth every mcp node connects from. */
final class UpstreamStore {

  /** A stored server, with the credentials only this domain ever reads. */
  record Stored(String name, String url, String description, Map<String, String> credentials, String status,
                String lastError, Instant createdAt, Instant refreshedAt) {
  }

  private final Pool pool;

  UpstreamStore(Pool pool) {
    this.pool = pool;
  }

  Future<Stored> insert(UpstreamDraft draft, String createdBy) {
    Map<String, String> credentials = new LinkedHashMap<>(draft.headers());
    if (draft.bearerToken() != null && !draft.bearerToken().isBlank()) {
      credentials.put("Authorization", "Bearer " + draft.bearerToken());
    }
    return pool.preparedQuery("INSERT INTO upstream_servers (name, url, description, credentials, created_by) "
        + "SELECT $1, $2, $3, $4, $5 WHERE (SELECT count(*) FROM upstream_servers) < $6 RETURNING *")
      .execute(Tuple.of(draft.name(), draft.url(), draft.description(),
        new JsonObject(new LinkedHashMap<>(credentials)),
        createdBy, ToolsAddresses.MAX_UPSTREAMS))
      .recover(failure -> Future.failedFuture(UniqueViolation.is(failure)
        ? new DomainException(ErrorCode.CONFLICT, "An MCP server named " + draft.name() + " exists already.")
        : failure))
      .map(rows -> {
        if (rows.size() == 0) {
          throw new DomainException(ErrorCode.CONFLICT, "There are " + ToolsAddresses.MAX_UPSTREAMS
            + " MCP servers already; remove one first.");
        }
        return stored(rows.iterator().next());
      });
  }

  Future<List<Stored>> all() {
    return pool.query("SELECT * FROM upstream_servers ORDER BY name").execute().map(rows -> {
      List<Stored> all = new ArrayList<>();
      rows.forEach(row -> all.add(stored(row)));
      return all;
    });
  }

  Future<Stored> get(String name) {
    return pool.preparedQuery("SELECT * FROM upstream_servers WHERE name = $1").execute(Tuple.of(name))
      .map(rows -> rows.size() == 0 ? null : stored(rows.iterator().next()));
  }

  Future<Boolean> delete(String name) {
    return pool.preparedQuery("DELETE FROM upstream_servers WHERE name = $1").execute(Tuple.of(name))
      .map(rows -> rows.rowCount() > 0);
  }

  Future<Void> status(String name, boolean available, String error) {
    return pool.preparedQuery("UPDATE upstream_servers SET status = $2, last_error = $3, refreshed_at = "
        + "CASE WHEN $2 = 'available' THEN now() ELSE refreshed_at END WHERE name = $1")
      .execute(Tuple.of(name, available ? "available" : "unavailable", error)).mapEmpty();
  }

  private static Stored stored(Row row) {
    Map<String, String> credentials = new LinkedHashMap<>();
    ((JsonObject) row.getValue("credentials")).forEach(entry -> credentials.put(entry.getKey(),
      String.valueOf(entry.getValue())));
    return new Stored(row.getString("name"), row.getString("url"), row.getString("description"), credentials,
      row.getString("status"), row.getString("last_error"), RowValues.instant(row, "created_at"),
      RowValues.instant(row, "refreshed_at"));
  }

}
