package io.agentmesh.verticles.agents;

import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentDraft;
import io.agentmesh.contract.agents.AgentPage;
import io.agentmesh.storage.KeysetPage;
import io.agentmesh.storage.RowIds;
import io.agentmesh.storage.SqlConditions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/** The {@code agents} table. */
final class AgentStore {

  private final Pool pool;

  AgentStore(Pool pool) {
    this.pool = pool;
  }

  Future<Agent> insert(String ownerId, AgentDraft draft) {
    return pool.preparedQuery("INSERT INTO agents (id, owner_id, name, description, instructions, model, tools, "
        + "knowledge, concurrency, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "
        + AgentRows.COLUMNS)
      .execute(Tuple.from(List.of(RowIds.next("agt"), ownerId, draft.name())).addString(draft.description())
        .addString(draft.instructions()).addValue(AgentRows.model(draft.model()))
        .addArrayOfString(draft.tools().toArray(String[]::new))
        .addArrayOfString(draft.knowledge().toArray(String[]::new))
        .addString(draft.concurrency() == null ? "reject" : draft.concurrency())
        .addValue(new JsonObject(new HashMap<>(draft.metadata()))))
      .map(rows -> AgentRows.agent(rows.iterator().next()));
  }

  Future<Optional<Agent>> find(String id) {
    return pool.preparedQuery("SELECT " + AgentRows.COLUMNS + " FROM agents WHERE id = $1").execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(AgentRows.agent(rows.iterator().next())));
  }

  /** Writes a changed agent if it is still at {@code version}; empty when someone changed it meanwhile. */
  Future<Optional<Agent>> replace(String id, long version, AgentDraft draft, String status) {
    return pool.preparedQuery("UPDATE agents SET name = $3, description = $4, instructions = $5, model = $6, "
        + "tools = $7, knowledge = $8, concurrency = $9, metadata = $10, "
        + "status_changed_at = CASE WHEN status = $11 THEN status_changed_at ELSE now() END, "
        + "status_reason = CASE WHEN status = $11 THEN status_reason ELSE 'changed by owner' END, status = $11, "
        + "version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING " + AgentRows.COLUMNS)
      .execute(Tuple.of(id, version).addString(draft.name()).addString(draft.description())
        .addString(draft.instructions()).addValue(AgentRows.model(draft.model()))
        .addArrayOfString(draft.tools().toArray(String[]::new))
        .addArrayOfString(draft.knowledge().toArray(String[]::new)).addString(draft.concurrency())
        .addValue(new JsonObject(new HashMap<>(draft.metadata()))).addString(status))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(AgentRows.agent(rows.iterator().next())));
  }

  Future<Optional<Agent>> setStatus(String id, String status, String reason) {
    return pool.preparedQuery("UPDATE agents SET status = $2, status_reason = $3, status_changed_at = now(), "
        + "version = version + 1, updated_at = now() WHERE id = $1 RETURNING " + AgentRows.COLUMNS)
      .execute(Tuple.of(id, status, reason))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(AgentRows.agent(rows.iterator().next())));
  }

  Future<Boolean> delete(String id) {
    return pool.preparedQuery("DELETE FROM agents WHERE id = $1").execute(Tuple.of(id))
      .map(rows -> rows.rowCount() > 0);
  }

  /** Deletes every agent of a user; answers their ids. */
  Future<List<String>> deleteOwnedBy(String ownerId) {
    return pool.preparedQuery("DELETE FROM agents WHERE owner_id = $1 RETURNING id").execute(Tuple.of(ownerId))
      .map(rows -> {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getString("id")));
        return ids;
      });
  }

  /** A page of agents, optionally of one owner, with a status and a name prefix. */
  Future<AgentPage> page(String ownerId, String status, String namePrefix, ListQuery query) {
    SqlConditions where = new SqlConditions().equal("owner_id", ownerId).equal("status", status)
      .where("lower(name) LIKE", namePrefix == null ? null
        : namePrefix.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    return KeysetPage.fetch(pool, "SELECT " + AgentRows.COLUMNS + " FROM agents", where.condition(), where.params(),
        query)
      .map(page -> {
        List<Agent> agents = new ArrayList<>();
        page.rows().forEach(row -> agents.add(AgentRows.agent(row)));
        return new AgentPage(agents, page.firstId(), page.lastId(), page.hasMore());
      });
  }
}
