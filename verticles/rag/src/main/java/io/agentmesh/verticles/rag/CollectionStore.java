package io.agentmesh.verticles.rag;

import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.rag.CollectionPage;
import io.agentmesh.contract.rag.RagCollection;
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
import java.util.Map;
import java.util.Optional;

/** The {@code collections} table; deleting one logs it, so every node's index drops its chunks. */
final class CollectionStore {

  private final Pool pool;

  CollectionStore(Pool pool) {
    this.pool = pool;
  }

  Future<RagCollection> insert(String ownerId, String name, String description, String model, int chunkTokens,
                               int overlapTokens, Map<String, String> metadata) {
    String id = RowIds.next("col");
    return pool.preparedQuery("INSERT INTO collections (id, owner_id, name, description, embedding_model, "
        + "chunk_tokens, chunk_overlap, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
      .execute(Tuple.of(id, ownerId, name, description, model, chunkTokens, overlapTokens)
        .addValue(new JsonObject(new HashMap<>(metadata))))
      .compose(inserted -> find(id)).map(Optional::orElseThrow);
  }

  Future<Optional<RagCollection>> find(String id) {
    return pool.preparedQuery("SELECT " + RagRows.COLLECTION_COLUMNS + " FROM collections c WHERE c.id = $1")
      .execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(RagRows.collection(rows.iterator().next())));
  }

  /**
   * Who owns a collection and its version, without counting its documents and chunks: what a search needs (its
   * cache key), on every search.
   */
  Future<Optional<SearchCache.Version>> version(String id) {
    return pool.preparedQuery("SELECT owner_id, version, embedding_model FROM collections WHERE id = $1")
      .execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new SearchCache.Version(id,
        rows.iterator().next().getString("owner_id"), rows.iterator().next().getLong("version"),
        rows.iterator().next().getString("embedding_model"))));
  }

  Future<Optional<RagCollection>> update(String id, String name, String description, Map<String, String> metadata) {
    return pool.preparedQuery("UPDATE collections SET name = $2, description = $3, metadata = $4, "
        + "updated_at = now() WHERE id = $1")
      .execute(Tuple.of(id, name, description).addValue(new JsonObject(new HashMap<>(metadata))))
      .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture(Optional.empty()) : find(id));
  }

  /** Deletes a collection with its documents, chunks and jobs, and logs it; false when it was not there. */
  Future<Boolean> delete(String id) {
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM collections WHERE id = $1")
      .execute(Tuple.of(id))
      .compose(deleted -> deleted.rowCount() == 0 ? Future.succeededFuture(false)
        : ChangeLog.append(conn, id, null, "drop").map(true)));
  }

  /** The ids of a user's collections. */
  Future<List<String>> ownedBy(String ownerId) {
    return pool.preparedQuery("SELECT id FROM collections WHERE owner_id = $1").execute(Tuple.of(ownerId))
      .map(rows -> {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getString("id")));
        return ids;
      });
  }

  /** A page of collections, of one owner or (null) of everyone. */
  Future<CollectionPage> page(String ownerId, ListQuery query) {
    SqlConditions where = new SqlConditions().equal("c.owner_id", ownerId);
    return KeysetPage.fetch(pool, "SELECT " + RagRows.COLLECTION_COLUMNS + " FROM collections c", where.condition(),
        where.params(), query)
      .map(page -> {
        List<RagCollection> collections = new ArrayList<>();
        page.rows().forEach(row -> collections.add(RagRows.collection(row)));
        return new CollectionPage(collections, page.firstId(), page.lastId(), page.hasMore());
      });
  }
}
