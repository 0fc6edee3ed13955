package io.agentmesh.verticles.rag;

import io.agentmesh.contract.rag.RagAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps this node's index caught up with the change log: woken by {@link RagAddresses#CHANGED} (any node that logs
 * a change announces it), polling as a fallback. Each round reads the entries after the index's last, loads the
 * chunks of the documents they name as they are now, and applies them on the index thread. A search that must see
 * a change waits for it here ({@link #reached}). Touched only by the domain verticle's event loop.
 */
final class IndexFollower {

  private static final Logger LOG = LoggerFactory.getLogger(IndexFollower.class);
  private static final int BATCH = 500;
  /**
   * Chunks applied since the last merge that make a caught-up index merge (see {@link #mergeAfterBulk}): at least
   * this many, and at least a tenth of the index (a merge rewrites all of it).
   */
  private static final long MERGE_AFTER_CHUNKS = 1_000;
  private static final long MERGE_AFTER_SHARE = 10;

  private final Vertx vertx;
  private final Pool pool;
  private final SearchIndex index;
  private final WorkerExecutor writer;
  /** Searches waiting for the index to reach a sequence number, by that number. */
  private final TreeMap<Long, List<Promise<Void>>> waiting = new TreeMap<>();
  private boolean running;
  private boolean again;
  private boolean closed;
  private long chunksSinceMerge;
  private MessageConsumer<Long> changes;
  private long poll = -1;

  IndexFollower(Vertx vertx, Pool pool, SearchIndex index) {
    this.vertx = vertx;
    this.pool = pool;
    this.index = index;
    this.writer = vertx.createSharedWorkerExecutor("rag-index", 1);
  }

  void start(long pollMs) {
    changes = vertx.eventBus().consumer(RagAddresses.CHANGED, changed -> {
      if (changed.body() == null || changed.body() > index.applied()) {
        catchUp();
      }
    });
    poll = vertx.setPeriodic(pollMs, t -> catchUp());
  }

  /** Catches up now (or right after the round under way); completes when the index is at the log's end. */
  Future<Void> catchUp() {
    Promise<Void> done = Promise.promise();
    if (closed) {
      done.fail("the node is stopping");
      return done.future();
    }
    if (running) {
      again = true;
      done.complete();
      return done.future();
    }
    running = true;
    again = false;
    round().onComplete(result -> {
      running = false;
      if (result.failed()) {
        if (!closed) { // when stopping, the pool closing under a round is expected
          LOG.warn("The search index could not catch up with the change log: {}", result.cause().toString());
        }
        done.fail(result.cause());
        return;
      }
      if (again || result.result() == BATCH) {
        catchUp().onComplete(done);
      } else {
        mergeAfterBulk();
        done.complete();
      }
    });
    return done.future();
  }

  /**
   * After a bulk catch-up (a rebuild, an ingest of 1,000 chunks or a tenth of the index), the index is merged into
   * one segment on the index thread: one HNSW graph answers a vector search in a fifth of the time fifteen do, at
   * the same recall (bench/RESULTS.md). Searches go on meanwhile on the segments as they were; smaller ingests leave
   * their segments to Lucene's own merging.
   */
  private void mergeAfterBulk() {
    if (chunksSinceMerge < Math.max(MERGE_AFTER_CHUNKS, index.size() / MERGE_AFTER_SHARE) || closed) {
      return;
    }
    chunksSinceMerge = 0;
    long start = System.nanoTime();
    writer.executeBlocking(() -> {
      index.merge(1);
      return null;
    }, true).onComplete(merged -> {
      if (merged.succeeded()) {
        LOG.info("Search index merged into one segment in {} ms", (System.nanoTime() - start) / 1_000_000);
      } else if (!closed) {
        LOG.warn("The search index could not be merged: {}", merged.cause().toString());
      }
    });
  }

  /** Completes once this node's index holds change {@code sequence}; fails after {@code waitMs}. */
  Future<Void> reached(long sequence, long waitMs) {
    if (index.applied() >= sequence) {
      return Future.succeededFuture();
    }
    Promise<Void> reached = Promise.promise();
    waiting.computeIfAbsent(sequence, s -> new ArrayList<>()).add(reached);
    long timer = vertx.setTimer(waitMs, t -> reached.tryFail("the index is behind"));
    reached.future().onComplete(done -> vertx.cancelTimer(timer));
    catchUp();
    return reached.future();
  }

  private Future<Integer> round() {
    long after = index.applied();
    return pool.preparedQuery("SELECT seq, collection_id, document_id, op FROM changes WHERE seq > $1 ORDER BY seq "
        + "LIMIT $2").execute(Tuple.of(after, BATCH))
      .compose(rows -> {
        List<Row> entries = new ArrayList<>();
        rows.forEach(entries::add);
        if (entries.isEmpty()) {
          return Future.succeededFuture(0);
        }
        List<String> upserted = entries.stream().filter(row -> row.getString("op").equals("upsert"))
          .map(row -> row.getString("document_id")).distinct().toList();
        return chunksOf(upserted)
          .compose(chunks -> writer.executeBlocking(() -> {
            index.apply(changes(entries, chunks));
            return entries.size();
          }, true).onSuccess(applied -> chunksSinceMerge += chunks.values().stream().mapToInt(List::size).sum()))
          .onSuccess(applied -> release());
      });
  }

  private static List<IndexChange> changes(List<Row> entries, Map<String, List<IndexedChunk>> chunks) {
    List<IndexChange> changes = new ArrayList<>();
    for (Row row : entries) {
      String documentId = row.getString("document_id");
      changes.add(new IndexChange(row.getLong("seq"), row.getString("op"), row.getString("collection_id"),
        documentId, documentId == null ? List.of() : chunks.getOrDefault(documentId, List.of())));
    }
    return changes;
  }

  /** The chunks of these documents as they are now (none for a document deleted since). */
  private Future<Map<String, List<IndexedChunk>>> chunksOf(List<String> documentIds) {
    if (documentIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery("SELECT k.id, k.collection_id, k.document_id, d.name, d.metadata, k.ordinal, k.text, "
        + "k.start_offset, k.end_offset, k.symbol, k.vector FROM chunks k JOIN documents d ON d.id = k.document_id "
        + "WHERE k.document_id = ANY($1) ORDER BY k.document_id, k.ordinal")
      .execute(Tuple.tuple().addArrayOfString(documentIds.toArray(String[]::new)))
      .map(rows -> {
        Map<String, List<IndexedChunk>> chunks = new HashMap<>();
        for (Row row : rows) {
          chunks.computeIfAbsent(row.getString("document_id"), id -> new ArrayList<>()).add(chunk(row));
        }
        return chunks;
      });
  }

  private static IndexedChunk chunk(Row row) {
    return new IndexedChunk(row.getString("id"), row.getString("collection_id"), row.getString("document_id"),
      row.getString("name"), row.getInteger("ordinal"), row.getString("text"), row.getInteger("start_offset"),
      row.getInteger("end_offset"), row.getString("symbol"), RagRows.strings((JsonObject) row.getValue("metadata")),
      Vectors.fromBytes(row.getBuffer("vector").getBytes()));
  }

  /** Completes the searches waiting for a sequence number the index now holds. */
  private void release() {
    Map<Long, List<Promise<Void>>> reached = waiting.headMap(index.applied(), true);
    reached.values().forEach(promises -> promises.forEach(Promise::tryComplete));
    reached.clear();
  }

  /** No more rounds: the pool and the index close after this. */
  Future<Void> close() {
    closed = true;
    vertx.cancelTimer(poll);
    Future<Void> unregistered = changes == null ? Future.succeededFuture() : changes.unregister();
    return unregistered.eventually(writer::close);
  }
}
