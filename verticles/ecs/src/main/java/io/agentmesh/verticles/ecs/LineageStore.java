package io.agentmesh.verticles.ecs;

import io.agentmesh.contract.ecs.EcsEntity;
import io.agentmesh.contract.ecs.EntityPage;
import io.agentmesh.contract.ecs.LineageNode;
import io.agentmesh.verticles.ecs.world.Traits;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of the world's history in PostgreSQL: every entity that ever lived (the world in memory holds only the
 * living), so a family tree reaches dead ancestors, and a dead entity can still be looked at.
 */
final class LineageStore {

  /** The most relatives a tree shows on each side, whatever the depth asked. */
  static final int MAX_RELATIVES = 2000;
  private static final String COLUMNS = "entity_id, parent_a, parent_b, generation, birth_tick, death_tick, "
    + "death_cause, owner_id, traits";

  private final Pool pool;

  LineageStore(Pool pool) {
    this.pool = pool;
  }

  /** An entity as its history holds it (alive: false when it died). */
  Future<Optional<EcsEntity>> entity(long id, long tick) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM lineage WHERE entity_id = $1").execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next(), tick)));
  }

  private static EcsEntity view(Row row, long tick) {
    Long parentA = row.getLong("parent_a");
    List<String> parents = parentA == null ? List.of()
      : List.of(EntityIdFormat.of(parentA), EntityIdFormat.of(row.getLong("parent_b")));
    Map<String, Double> traits = new LinkedHashMap<>();
    Object[] values = row.getArrayOfFloats("traits");
    for (int trait = 0; trait < Traits.COUNT && trait < values.length; trait++) {
      traits.put(Traits.NAMES.get(trait), EntityViews.round(((Number) values[trait]).floatValue()));
    }
    Long death = row.getLong("death_tick");
    return new EcsEntity(EntityIdFormat.of(row.getLong("entity_id")), death == null, row.getString("owner_id"), null,
      row.getInteger("generation"), parents, row.getLong("birth_tick"), death, traits, null, null, null, null, null,
      null, null, tick);
  }

  /** A page of the dead in id order after {@code after}, with the list's filters (bounds by trait, 0 to 1). */
  Future<EntityPage> dead(long after, int limit, Integer generation, String owner, float[] min, float[] max,
                          long tick) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM lineage WHERE death_tick IS NOT NULL "
      + "AND entity_id > $1");
    Tuple args = Tuple.of(after);
    if (generation != null) {
      args.addInteger(generation);
      sql.append(" AND generation = $").append(args.size());
    }
    if (owner != null) {
      args.addString(owner);
      sql.append(" AND owner_id = $").append(args.size());
    }
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      if (min[trait] > 0 || max[trait] < 1) {
        args.addFloat(min[trait]).addFloat(max[trait]);
        sql.append(" AND traits[").append(trait + 1).append("] BETWEEN $").append(args.size() - 1).append(" AND $")
          .append(args.size());
      }
    }
    args.addInteger(limit + 1);
    sql.append(" ORDER BY entity_id LIMIT $").append(args.size());
    return pool.preparedQuery(sql.toString()).execute(args).map(rows -> {
      List<EcsEntity> data = new ArrayList<>();
      rows.forEach(row -> data.add(view(row, tick)));
      boolean more = data.size() > limit;
      List<EcsEntity> page = more ? data.subList(0, limit) : data;
      return new EntityPage(page, page.isEmpty() ? null : page.get(0).id(),
        page.isEmpty() ? null : page.get(page.size() - 1).id(), more, tick);
    });
  }

  /** The family tree around {@code id}: ancestors up and descendants down, {@code depth} generations each way. */
  Future<Optional<LineageNode>> tree(long id, int depth) {
    Future<List<Row>> up = pool.preparedQuery("WITH RECURSIVE up AS (SELECT entity_id, parent_a, parent_b, 0 AS depth "
        + "FROM lineage WHERE entity_id = $1 UNION SELECT l.entity_id, l.parent_a, l.parent_b, up.depth + 1 "
        + "FROM lineage l JOIN up ON l.entity_id = up.parent_a OR l.entity_id = up.parent_b WHERE up.depth < $2) "
        + "SELECT " + COLUMNS + " FROM lineage WHERE entity_id IN (SELECT entity_id FROM up) LIMIT $3")
      .execute(Tuple.of(id, depth, MAX_RELATIVES)).map(LineageStore::rows);
    Future<List<Row>> down = pool.preparedQuery("WITH RECURSIVE down AS (SELECT entity_id, 0 AS depth FROM lineage "
        + "WHERE entity_id = $1 UNION SELECT l.entity_id, down.depth + 1 FROM lineage l JOIN down "
        + "ON l.parent_a = down.entity_id OR l.parent_b = down.entity_id WHERE down.depth < $2) "
        + "SELECT " + COLUMNS + " FROM lineage WHERE entity_id IN (SELECT entity_id FROM down) LIMIT $3")
      .execute(Tuple.of(id, depth, MAX_RELATIVES)).map(LineageStore::rows);
    return Future.all(up, down).map(both -> {
      Map<Long, Row> ancestors = byId(up.result());
      if (!ancestors.containsKey(id)) {
        return Optional.empty();
      }
      Map<Long, List<Row>> childrenOf = new HashMap<>();
      for (Row row : down.result()) {
        for (String parent : List.of("parent_a", "parent_b")) {
          Long parentId = row.getLong(parent);
          if (parentId != null) {
            childrenOf.computeIfAbsent(parentId, p -> new ArrayList<>()).add(row);
          }
        }
      }
      Row root = ancestors.get(id);
      return Optional.of(new LineageNode(EntityIdFormat.of(id), root.getInteger("generation"),
        root.getLong("birth_tick"), root.getLong("death_tick"), root.getString("owner_id"),
        parents(root, ancestors, depth), children(id, childrenOf, depth)));
    });
  }

  private static List<Row> rows(Iterable<Row> rows) {
    List<Row> all = new ArrayList<>();
    rows.forEach(all::add);
    return all;
  }

  private static Map<Long, Row> byId(List<Row> rows) {
    Map<Long, Row> all = new HashMap<>();
    rows.forEach(row -> all.put(row.getLong("entity_id"), row));
    return all;
  }

  private static List<LineageNode> parents(Row of, Map<Long, Row> ancestors, int depth) {
    if (depth == 0 || of.getLong("parent_a") == null) {
      return List.of();
    }
    List<LineageNode> parents = new ArrayList<>();
    for (Long parentId : List.of(of.getLong("parent_a"), of.getLong("parent_b"))) {
      Row parent = ancestors.get(parentId);
      if (parent != null) {
        parents.add(node(parent, parents(parent, ancestors, depth - 1), List.of()));
      }
    }
    return parents;
  }

  private static List<LineageNode> children(long of, Map<Long, List<Row>> childrenOf, int depth) {
    if (depth == 0) {
      return List.of();
    }
    List<LineageNode> children = new ArrayList<>();
    for (Row child : childrenOf.getOrDefault(of, List.of())) {
      children.add(node(child, List.of(), children(child.getLong("entity_id"), childrenOf, depth - 1)));
    }
    return children;
  }

  private static LineageNode node(Row row, List<LineageNode> parents, List<LineageNode> children) {
    return new LineageNode(EntityIdFormat.of(row.getLong("entity_id")), row.getInteger("generation"),
      row.getLong("birth_tick"), row.getLong("death_tick"), row.getString("owner_id"), parents, children);
  }
}
