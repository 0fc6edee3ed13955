package io.agentmesh.verticles.mcp;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolRegistration;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** The {@code tools} table: a domain's registration replaces its set; another domain's names cannot be taken. */
final class ToolStore {

  private final Pool pool;

  ToolStore(Pool pool) {
    this.pool = pool;
  }

  /** Answers whether anything changed. */
  Future<Boolean> replace(ToolRegistration registration) {
    String[] names = registration.tools().stream().map(ToolDefinition::name).toArray(String[]::new);
    return pool.withTransaction(conn -> conn
      .preparedQuery("SELECT name FROM tools WHERE name = ANY($1) AND domain <> $2").execute(Tuple.tuple()
        .addArrayOfString(names).addString(registration.domain()))
      .compose(taken -> {
        if (taken.size() > 0) {
          return Future.failedFuture(new DomainException(ErrorCode.CONFLICT, "Tool "
            + taken.iterator().next().getString("name") + " belongs to another domain."));
        }
        return conn.preparedQuery("DELETE FROM tools WHERE domain = $1 AND NOT (name = ANY($2))")
          .execute(Tuple.tuple().addString(registration.domain()).addArrayOfString(names));
      })
      .compose(removed -> upsert(conn, registration).map(changed -> changed || removed.rowCount() > 0)));
  }

  private Future<Boolean> upsert(SqlConnection conn, ToolRegistration registration) {
    List<Tuple> rows = new ArrayList<>();
    for (ToolDefinition tool : registration.tools()) {
      rows.add(Tuple.of(tool.name(), registration.domain(), tool.category(), MessageJson.toJson(tool)));
    }
    if (rows.isEmpty()) {
      return Future.succeededFuture(false);
    }
    return conn.preparedQuery("INSERT INTO tools (name, domain, category, definition) VALUES ($1, $2, $3, $4) "
        + "ON CONFLICT (name) DO UPDATE SET category = EXCLUDED.category, definition = EXCLUDED.definition, "
        + "updated_at = now() WHERE tools.definition IS DISTINCT FROM EXCLUDED.definition RETURNING name")
      .executeBatch(rows)
      .map(result -> {
        int changed = 0;
        for (var rowSet = result; rowSet != null; rowSet = rowSet.next()) {
          changed += rowSet.size();
        }
        return changed > 0;
      });
  }

  Future<List<ToolDefinition>> all() {
    return pool.query("SELECT definition FROM tools ORDER BY name").execute().map(rows -> {
      List<ToolDefinition> tools = new ArrayList<>();
      rows.forEach(row -> tools.add(MessageJson.fromJson((JsonObject) row.getValue("definition"),
        ToolDefinition.class)));
      return tools;
    });
  }
}
