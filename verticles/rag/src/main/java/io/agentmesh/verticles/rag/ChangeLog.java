package io.agentmesh.verticles.rag;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Appends to the change log every node's index follows, inside the transaction that made the change. Appends are
 * serialized (a transaction-scoped advisory lock taken before the sequence number is drawn), so entries become
 * visible in sequence order: a follower that has read entry n never later finds an entry below n appear. A change
 * to a collection's documents also moves its version (search results are cached per version).
 */
final class ChangeLog {

  private ChangeLog() {
  }

  /** Answers the entry's sequence number. {@code op}: upsert, delete (a document) or drop (the collection). */
  static Future<Long> append(SqlConnection conn, String collectionId, String documentId, String op) {
    return conn.query("SELECT pg_advisory_xact_lock(hashtext('rag-changes'))").execute()
      .compose(locked -> conn.preparedQuery("WITH v AS (UPDATE collections SET version = version + 1, "
          + "updated_at = now() WHERE id = $1) "
          + "INSERT INTO changes (collection_id, document_id, op) VALUES ($1, $2, $3) RETURNING seq")
        .execute(Tuple.of(collectionId, documentId, op)))
      .map(rows -> rows.iterator().next().getLong("seq"));
  }
}
