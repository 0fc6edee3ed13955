package io.agentmesh.verticles.rag;

import io.agentmesh.contract.rag.IngestEvent;
import io.agentmesh.contract.rag.IngestEventPage;
import io.agentmesh.contract.rag.IngestJob;
import io.agentmesh.storage.RowValues;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
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
 * Ingest jobs in PostgreSQL: claimed under a lease (renewed by heartbeat; a node that dies lets it lapse and
 * another resumes the job), and every step of a job fenced by that lease in the transaction that records it: a
 * document's chunks and its change-log entry, a document's failure, the end. Each step appends the job's next
 * numbered event, so streams resume without gaps.
 */
final class IngestJobs {

  /** The claim under which a worker runs a job. */
  record Lease(String jobId, String owner) {
  }

  /** A job with the user it belongs to. */
  record Owned(IngestJob job, String ownerId) {
  }

  /** A stored document waiting for its chunks, with what its collection says about chunking and the model. */
  record PendingDocument(String id, String collectionId, String name, String mimeType, byte[] content,
                         Map<String, String> metadata, String model, int chunkTokens, int overlapTokens) {
  }

  /** What a recorded step published: the job's event and, when the index has something new, the change's number. */
  record Step(IngestEvent event, long changeSequence) {
  }

  /** The job's lease is gone: another worker owns it now. */
  static final class LeaseLost extends RuntimeException {
    LeaseLost() {
      super("the ingest job's lease is no longer held", null, false, false);
    }
  }

  private final Pool pool;

  IngestJobs(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<Owned>> find(String id) {
    return pool.preparedQuery("SELECT * FROM ingest_jobs WHERE id = $1").execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new Owned(RagRows.job(rows.iterator().next()), rows.iterator().next().getString("owner_id"))));
  }

  /** A job's stored events after {@code after}, at most {@code limit} of them, with whether more follow. */
  Future<IngestEventPage> eventsAfter(String jobId, String ownerId, long after, int limit) {
    return pool.preparedQuery("SELECT sequence, type, data, created_at FROM ingest_events WHERE job_id = $1 "
        + "AND sequence > $2 ORDER BY sequence LIMIT $3").execute(Tuple.of(jobId, after, limit + 1))
      .map(rows -> {
        List<IngestEvent> events = new ArrayList<>();
        for (Row row : rows) {
          if (events.size() < limit) {
            events.add(new IngestEvent(jobId, ownerId, row.getLong("sequence"), row.getString("type"),
              ((JsonObject) row.getValue("data")).getMap(), RowValues.instant(row, "created_at")));
          }
        }
        return new IngestEventPage(events, rows.size() > limit);
      });
  }

  /** The oldest open job nobody holds (or whose holder's lease lapsed), leased to {@code owner}. */
  Future<Optional<Owned>> claim(String owner, long leaseMs) {
    return pool.preparedQuery("UPDATE ingest_jobs SET status = 'running', lease_owner = $1, "
        + "lease_expires_at = now() + $2 * interval '1 millisecond', updated_at = now() WHERE id = (SELECT id FROM "
        + "ingest_jobs WHERE status IN ('queued', 'running') AND (lease_expires_at IS NULL OR lease_expires_at < now())"
        + " ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING *")
      .execute(Tuple.of(owner, leaseMs))
      .map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new Owned(RagRows.job(rows.iterator().next()), rows.iterator().next().getString("owner_id"))));
  }

  Future<Boolean> renew(Lease lease, long leaseMs) {
    return pool.preparedQuery("UPDATE ingest_jobs SET lease_expires_at = now() + $3 * interval '1 millisecond' "
        + "WHERE id = $1 AND lease_owner = $2 AND status = 'running'")
      .execute(Tuple.of(lease.jobId(), lease.owner(), leaseMs)).map(rows -> rows.rowCount() > 0);
  }

  /** The job's documents still to do, in the order they were sent. */
  Future<List<String>> pendingIds(String jobId) {
    return pool.preparedQuery("SELECT id FROM documents WHERE job_id = $1 AND status = 'pending' ORDER BY id")
      .execute(Tuple.of(jobId)).map(rows -> {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getString("id")));
        return ids;
      });
  }

  Future<Optional<PendingDocument>> pending(String documentId) {
    return pool.preparedQuery("SELECT d.id, d.collection_id, d.name, d.mime_type, d.content, d.metadata, "
        + "c.embedding_model, c.chunk_tokens, c.chunk_overlap FROM documents d JOIN collections c "
        + "ON c.id = d.collection_id WHERE d.id = $1 AND d.status = 'pending'").execute(Tuple.of(documentId))
      .map(rows -> {
        if (rows.size() == 0) {
          return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new PendingDocument(row.getString("id"), row.getString("collection_id"),
          row.getString("name"), row.getString("mime_type"), row.getBuffer("content").getBytes(),
          RagRows.strings((JsonObject) row.getValue("metadata")), row.getString("embedding_model"),
          row.getInteger("chunk_tokens"), row.getInteger("chunk_overlap")));
      });
  }

  /** Vectors already computed by {@code model} for any of these chunk texts (by content hash). */
  Future<Map<String, float[]>> knownVectors(String model, List<String> hashes) {
    return pool.preparedQuery("SELECT DISTINCT ON (content_hash) content_hash, vector FROM chunks "
        + "WHERE model = $1 AND content_hash = ANY($2)")
      .execute(Tuple.of(model).addArrayOfString(hashes.toArray(String[]::new)))
      .map(rows -> {
        Map<String, float[]> known = new HashMap<>();
        rows.forEach(row -> known.put(row.getString("content_hash"),
          Vectors.fromBytes(row.getBuffer("vector").getBytes())));
        return known;
      });
  }

  /**
   * A document indexed: its chunks stored, older documents of the same name in the collection replaced, the
   * change logged, the job's counters moved; all or nothing, and nothing once the lease is gone.
   */
  Future<Step> indexed(Lease lease, PendingDocument document, List<Chunk> chunks, List<float[]> vectors) {
    return pool.withTransaction(conn -> fenced(conn, lease, "documents_done = documents_done + 1, "
        + "chunks_total = chunks_total + " + chunks.size() + ", chunks_done = chunks_done + " + chunks.size()
        + ", stage = 'indexing'")
      .compose(job -> replaceSameName(conn, document)
        .compose(v -> conn.preparedQuery("DELETE FROM chunks WHERE document_id = $1").execute(Tuple.of(
          document.id()))) // a reindexed document's chunks of before
        .compose(v -> insertChunks(conn, document, chunks, vectors))
        .compose(v -> conn.preparedQuery("UPDATE documents SET status = 'indexed', chunk_count = $2, "
          + "updated_at = now() WHERE id = $1").execute(Tuple.of(document.id(), chunks.size())))
        .compose(v -> conn.preparedQuery("UPDATE collections SET last_ingest_at = now() WHERE id = $1")
          .execute(Tuple.of(document.collectionId())))
        .compose(v -> ChangeLog.append(conn, document.collectionId(), document.id(), "upsert"))
        .compose(sequence -> event(conn, job, "rag.ingest.progress", lease)
          .map(event -> new Step(event, sequence)))));
  }

  /** A document that could not be read: its error, on it and on the job; the job goes on with the others. */
  Future<Step> failed(Lease lease, String documentId, String name, String code, String message) {
    JsonObject error = new JsonObject().put("document_id", documentId).put("name", name).put("code", code)
      .put("message", message);
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE documents SET status = 'failed', error = $2, "
        + "updated_at = now() WHERE id = $1").execute(Tuple.of(documentId, code + ": " + message))
      .compose(v -> fenced(conn, lease, "documents_done = documents_done + 1, errors = errors || '"
        + new JsonArray().add(error).encode().replace("'", "''") + "'::jsonb"))
      .compose(job -> event(conn, job, "rag.ingest.progress", lease)).map(event -> new Step(event, 0)));
  }

  /** The end of a job: completed (documents that failed are listed in its errors); the lease is released. */
  Future<Step> completed(Lease lease) {
    return pool.withTransaction(conn -> fenced(conn, lease, "status = 'completed', stage = 'done', "
        + "completed_at = now(), lease_owner = NULL, lease_expires_at = NULL")
      .compose(job -> event(conn, job, "rag.ingest.completed", lease)).map(event -> new Step(event, 0)));
  }

  /** Applies {@code set} to the job if {@code lease} still holds it, drawing the job's next event number. */
  private static Future<Owned> fenced(SqlConnection conn, Lease lease, String set) {
    return conn.preparedQuery("UPDATE ingest_jobs SET " + set + ", next_sequence = next_sequence + 1, "
        + "updated_at = now() WHERE id = $1 AND lease_owner = $2 AND status = 'running' RETURNING *")
      .execute(Tuple.of(lease.jobId(), lease.owner()))
      .compose(rows -> rows.size() == 0 ? Future.failedFuture(new LeaseLost())
        : Future.succeededFuture(new Owned(RagRows.job(rows.iterator().next()),
          rows.iterator().next().getString("owner_id"))));
  }

  private static Future<IngestEvent> event(SqlConnection conn, Owned owned, String type, Lease lease) {
    Map<String, Object> data = RagRows.progress(owned.job());
    data.put("worker", lease.owner()); // which node ran this step: operators, and the crash test
    return conn.preparedQuery("INSERT INTO ingest_events (job_id, sequence, type, data) SELECT id, next_sequence - 1, "
        + "$2, $3 FROM ingest_jobs WHERE id = $1 RETURNING sequence, created_at")
      .execute(Tuple.of(owned.job().id(), type, new JsonObject(data)))
      .map(rows -> {
        Row row = rows.iterator().next();
        return new IngestEvent(owned.job().id(), owned.ownerId(), row.getLong("sequence"), type, data,
          RowValues.instant(row, "created_at"));
      });
  }

  /** A changed document under a known name replaces the older one: its chunks leave every index. */
  private static Future<Void> replaceSameName(SqlConnection conn, PendingDocument document) {
    return conn.preparedQuery("DELETE FROM documents WHERE collection_id = $1 AND name = $2 AND id <> $3 "
        + "AND status <> 'pending' RETURNING id").execute(Tuple.of(document.collectionId(), document.name(),
        document.id()))
      .compose(rows -> {
        Future<Void> logged = Future.succeededFuture();
        for (Row row : rows) {
          logged = logged.compose(v -> ChangeLog.append(conn, document.collectionId(), row.getString("id"), "delete")
            .mapEmpty());
        }
        return logged;
      });
  }

  private static Future<Void> insertChunks(SqlConnection conn, PendingDocument document, List<Chunk> chunks,
                                           List<float[]> vectors) {
    if (chunks.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      rows.add(Tuple.of(document.id() + "_" + chunk.ordinal(), document.id(), document.collectionId(),
          chunk.ordinal(), chunk.text(), chunk.start(), chunk.end()).addInteger(chunk.tokens())
        .addString(chunk.symbol()).addString(ContentHash.of(chunk.text())).addString(document.model())
        .addBuffer(Buffer.buffer(Vectors.toBytes(vectors.get(i)))));
    }
    return conn.preparedQuery("INSERT INTO chunks (id, document_id, collection_id, ordinal, text, start_offset, "
        + "end_offset, token_count, symbol, content_hash, model, vector) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        + "$10, $11, $12)").executeBatch(rows).mapEmpty();
  }
}
