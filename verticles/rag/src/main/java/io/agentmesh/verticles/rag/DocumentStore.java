package io.agentmesh.verticles.rag;

import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.rag.DocumentPage;
import io.agentmesh.contract.rag.IngestJob;
import io.agentmesh.contract.rag.RagDocument;
import io.agentmesh.storage.KeysetPage;
import io.agentmesh.storage.RowIds;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code documents} table: a batch is stored with its ingest job in one transaction before the client hears
 * anything (the bytes are safe once accepted); bytes the collection already holds are not stored twice.
 */
final class DocumentStore {

  /** A document as accepted: its bytes and what they were read as. */
  record Accepted(String name, String mimeType, byte[] content, Map<String, String> metadata) {
  }

  private final Pool pool;

  DocumentStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Stores the documents whose bytes are new to the collection, pending, with the job that ingests them; a batch
   * with nothing new gives a job completed at once.
   */
  Future<IngestJob> accept(String collectionId, String ownerId, List<Accepted> documents) {
    String jobId = RowIds.next("ing");
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO ingest_jobs (id, collection_id, owner_id) "
        + "VALUES ($1, $2, $3)").execute(Tuple.of(jobId, collectionId, ownerId))
      .compose(job -> insertAll(conn, collectionId, jobId, documents))
      .compose(ids -> counted(conn, jobId, ids, documents.size() - ids.size())));
  }

  /**
   * Every document of the collection pending again under a new job (a reindex), the collection's model changed to
   * {@code model} first when given; an empty collection gives a job completed at once.
   */
  Future<IngestJob> requeue(String collectionId, String ownerId, String model) {
    String jobId = RowIds.next("ing");
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO ingest_jobs (id, collection_id, owner_id) "
        + "VALUES ($1, $2, $3)").execute(Tuple.of(jobId, collectionId, ownerId))
      .compose(job -> model == null ? Future.succeededFuture() : conn.preparedQuery("UPDATE collections SET "
        + "embedding_model = $2, updated_at = now() WHERE id = $1").execute(Tuple.of(collectionId, model)))
      .compose(v -> conn.preparedQuery("UPDATE documents SET status = 'pending', job_id = $2, error = NULL, "
        + "updated_at = now() WHERE collection_id = $1 RETURNING id").execute(Tuple.of(collectionId, jobId)))
      .compose(rows -> {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getString("id")));
        return counted(conn, jobId, ids, 0);
      }));
  }

  /** The job's documents recorded; a job with none to ingest is completed at once. */
  private static Future<IngestJob> counted(SqlConnection conn, String jobId, List<String> ids, int unchanged) {
    return conn.preparedQuery("UPDATE ingest_jobs SET documents_total = $2, unchanged = $3, document_ids = $4, "
        + "status = CASE WHEN $2 = 0 THEN 'completed' ELSE status END, "
        + "stage = CASE WHEN $2 = 0 THEN 'done' ELSE stage END, "
        + "completed_at = CASE WHEN $2 = 0 THEN now() END WHERE id = $1 RETURNING *")
      .execute(Tuple.of(jobId, ids.size(), unchanged).addArrayOfString(ids.toArray(String[]::new)))
      .map(rows -> RagRows.job(rows.iterator().next()));
  }

  private static Future<List<String>> insertAll(SqlConnection conn, String collectionId, String jobId,
                                                List<Accepted> documents) {
    List<String> ids = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Accepted document : documents) {
      chain = chain.compose(v -> conn.preparedQuery("INSERT INTO documents (id, collection_id, name, mime_type, "
          + "content_hash, content, size_bytes, metadata, job_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
          + "ON CONFLICT (collection_id, content_hash) DO NOTHING RETURNING id")
        .execute(Tuple.of(RowIds.next("doc"), collectionId, document.name(), document.mimeType(),
            ContentHash.of(document.content()), Buffer.buffer(document.content()),
            (long) document.content().length)
          .addValue(new JsonObject(new HashMap<>(document.metadata()))).addString(jobId))
        .map(rows -> {
          rows.forEach(row -> ids.add(row.getString("id")));
          return null;
        }));
    }
    return chain.map(ids);
  }

  Future<Optional<RagDocument>> find(String id) {
    return pool.preparedQuery("SELECT " + RagRows.DOCUMENT_COLUMNS + " FROM documents WHERE id = $1")
      .execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(RagRows.document(rows.iterator().next())));
  }

  Future<DocumentPage> page(String collectionId, ListQuery query) {
    return KeysetPage.fetch(pool, "SELECT " + RagRows.DOCUMENT_COLUMNS + " FROM documents", "collection_id = $1",
        List.of(collectionId), query)
      .map(page -> {
        List<RagDocument> documents = new ArrayList<>();
        for (Row row : page.rows()) {
          documents.add(RagRows.document(row));
        }
        return new DocumentPage(documents, page.firstId(), page.lastId(), page.hasMore());
      });
  }

  /** The documents a source holds in its collection (the files it ingested): name → content hash. */
  Future<Map<String, String>> ofSource(String collectionId, String sourceId) {
    return pool.preparedQuery("SELECT name, content_hash FROM documents WHERE collection_id = $1 "
        + "AND metadata ->> 'source' = $2")
      .execute(Tuple.of(collectionId, sourceId)).map(rows -> {
        Map<String, String> hashes = new HashMap<>();
        rows.forEach(row -> hashes.put(row.getString("name"), row.getString("content_hash")));
        return hashes;
      });
  }

  /**
   * Deletes a source's documents named in {@code names} or under one of {@code folders} (a deleted directory), each
   * logged; how many went.
   */
  Future<Integer> deleteOfSource(String collectionId, String sourceId, List<String> names, List<String> folders) {
    List<String> prefixes = folders.stream().map(folder -> folder.replace("\\", "\\\\").replace("%", "\\%")
      .replace("_", "\\_") + "/%").toList();
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM documents WHERE collection_id = $1 AND "
        + "metadata ->> 'source' = $2 AND (name = ANY($3) OR name LIKE ANY($4)) RETURNING id")
      .execute(Tuple.of(collectionId, sourceId).addArrayOfString(names.toArray(String[]::new))
        .addArrayOfString(prefixes.toArray(String[]::new)))
      .compose(rows -> {
        Future<Void> logged = Future.succeededFuture();
        for (Row row : rows) {
          logged = logged.compose(v -> ChangeLog.append(conn, collectionId, row.getString("id"), "delete")
            .mapEmpty());
        }
        return logged.map(rows.rowCount());
      }));
  }

  /** Deletes a document and its chunks and logs it; false when it was not there. */
  Future<Boolean> delete(String id, String collectionId) {
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM documents WHERE id = $1")
      .execute(Tuple.of(id))
      .compose(deleted -> deleted.rowCount() == 0 ? Future.succeededFuture(false)
        : ChangeLog.append(conn, collectionId, id, "delete").map(true)));
  }
}
