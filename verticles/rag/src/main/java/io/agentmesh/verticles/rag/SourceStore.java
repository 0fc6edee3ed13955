package io.agentmesh.verticles.rag;

import io.agentmesh.contract.rag.RagSource;
import io.agentmesh.storage.RowIds;
import io.agentmesh.storage.RowValues;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sources} table: watched directories, the status their node last wrote, and its heartbeat. A source
 * whose node has not written a heartbeat for {@value #DOWN_AFTER_MS} ms reads as {@code node_down}.
 */
final class SourceStore {

  /** How often a node says it still watches its sources. */
  static final long HEARTBEAT_MS = 10_000;
  static final long DOWN_AFTER_MS = 3 * HEARTBEAT_MS;
  private static final String COLUMNS = "id, collection_id, node_name, path, include, exclude, status, detail, "
    + "files, last_scan_at, created_at, (heartbeat_at IS NULL OR heartbeat_at < now() - " + DOWN_AFTER_MS
    + " * interval '1 millisecond') AS silent";

  /** A source with what its node needs to ingest into the collection. */
  record Watched(RagSource source, String ownerId) {
  }

  private final Pool pool;

  SourceStore(Pool pool) {
    this.pool = pool;
  }

  Future<RagSource> insert(String collectionId, String nodeName, String path, List<String> include,
                           List<String> exclude) {
    return pool.preparedQuery("INSERT INTO sources (id, collection_id, node_name, path, include, exclude) VALUES "
        + "($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
      .execute(Tuple.of(RowIds.next("src"), collectionId, nodeName, path, new JsonArray(include),
        new JsonArray(exclude)))
      .map(rows -> source(rows.iterator().next()));
  }

  Future<Optional<RagSource>> find(String id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM sources WHERE id = $1").execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(source(rows.iterator().next())));
  }

  Future<List<RagSource>> ofCollection(String collectionId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM sources WHERE collection_id = $1 ORDER BY id")
      .execute(Tuple.of(collectionId)).map(SourceStore::sources);
  }

  /** The sources {@code nodeName} watches, with their collections' owners. */
  Future<List<Watched>> ofNode(String nodeName) {
    return pool.preparedQuery("SELECT s.*, (SELECT owner_id FROM collections c WHERE c.id = s.collection_id) "
        + "AS owner_id FROM (SELECT " + COLUMNS + " FROM sources WHERE node_name = $1) s ORDER BY s.id")
      .execute(Tuple.of(nodeName)).map(rows -> {
        List<Watched> watched = new ArrayList<>();
        rows.forEach(row -> watched.add(new Watched(source(row), row.getString("owner_id"))));
        return watched;
      });
  }

  Future<Boolean> delete(String id) {
    return pool.preparedQuery("DELETE FROM sources WHERE id = $1").execute(Tuple.of(id))
      .map(rows -> rows.rowCount() > 0);
  }

  /** What the watching node says of a source; {@code files} and the scan time only after a scan. */
  Future<Void> status(String id, String status, String detail, Long files) {
    return pool.preparedQuery("UPDATE sources SET status = $2, detail = $3, files = coalesce($4, files), "
        + "last_scan_at = CASE WHEN $4 IS NULL THEN last_scan_at ELSE now() END, heartbeat_at = now() WHERE id = $1")
      .execute(Tuple.of(id, status, detail, files)).mapEmpty();
  }

  Future<Void> heartbeat(String nodeName) {
    return pool.preparedQuery("UPDATE sources SET heartbeat_at = now() WHERE node_name = $1")
      .execute(Tuple.of(nodeName)).mapEmpty();
  }

  private static List<RagSource> sources(Iterable<Row> rows) {
    List<RagSource> sources = new ArrayList<>();
    rows.forEach(row -> sources.add(source(row)));
    return sources;
  }

  private static RagSource source(Row row) {
    boolean silent = Boolean.TRUE.equals(row.getBoolean("silent"));
    String status = row.getString("status");
    return new RagSource(row.getString("id"), row.getString("collection_id"), row.getString("node_name"),
      row.getString("path"), strings((JsonArray) row.getValue("include")),
      strings((JsonArray) row.getValue("exclude")), silent ? "node_down" : status, row.getString("detail"),
      row.getLong("files"), RowValues.instant(row, "last_scan_at"), RowValues.instant(row, "created_at"));
  }

  private static List<String> strings(JsonArray values) {
    List<String> strings = new ArrayList<>();
    values.forEach(value -> strings.add(String.valueOf(value)));
    return strings;
  }
}
