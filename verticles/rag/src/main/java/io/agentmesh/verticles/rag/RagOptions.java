package io.agentmesh.verticles.rag;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the rag domain (config section {@code rag}); the defaults are in config/default.json only.
 *
 * @param indexDirectory   where this node keeps its search index (derived data: rebuilt from PostgreSQL if lost)
 * @param defaultModel     the embedding model of a collection created without one
 * @param chunkTokens      a chunk's size in the embedding model's tokens, unless the collection says otherwise
 * @param overlapTokens    tokens a chunk repeats from the one before it
 * @param maxDocumentBytes the largest document accepted
 * @param maxDocumentChars the most text one document may yield once parsed (beyond it: that document's error)
 * @param embedBatch       texts embedded in one call of the model
 * @param embedThreads     calls of the local model at once in each lane (bulk, queries): one core each
 * @param leaseMs          how long a worker's claim on an ingest job lasts without a heartbeat
 * @param pollMs           how often idle workers look for jobs, and the index for changes, without being woken
 * @param catchUpWaitMs    how long a search waits for this node's index to reach the collection's last change
 * @param watchRoots       directories under which administrators may bind sources on this node (none: off)
 * @param semanticCacheSeconds how long a semantic search's result stays cached; the other modes' for
 *                         {@code otherCacheSeconds}
 */
record RagOptions(Path indexDirectory, String defaultModel, int chunkTokens, int overlapTokens,
                  long maxDocumentBytes, int maxDocumentChars, int embedBatch, int embedThreads,
                  long leaseMs, long pollMs,
                  long catchUpWaitMs, int rrfK, double semanticWeight, double keywordWeight, int maxTopK,
                  long semanticCacheSeconds, long otherCacheSeconds, long parseTimeoutMs, List<String> watchRoots) {

  static RagOptions fromConfig(JsonObject config) {
    JsonObject rag = config.getJsonObject("rag");
    String dir = rag.getString("index_dir");
    Path index = dir.isEmpty()
      ? Path.of(config.getJsonObject("node").getString("data_dir"), "rag-index") : Path.of(dir);
    return new RagOptions(index, rag.getString("default_embedding_model"), rag.getInteger("chunk_tokens"),
      rag.getInteger("chunk_overlap_tokens"), rag.getLong("max_upload_bytes"), rag.getInteger("max_document_chars"),
      rag.getInteger("embed_batch"), embedThreads(rag.getInteger("embed_threads")), rag.getLong("ingest_lease_ms"),
      rag.getLong("poll_ms"),
      rag.getLong("catch_up_wait_ms"), rag.getInteger("hybrid_rrf_k"), rag.getDouble("hybrid_semantic_weight"),
      rag.getDouble("hybrid_keyword_weight"), rag.getInteger("max_top_k"), rag.getLong("cache_ttl_semantic_seconds"),
      rag.getLong("cache_ttl_other_seconds"), rag.getLong("parse_timeout_ms"),
      Arrays.stream(rag.getString("watch_roots").split(",")).map(String::strip).filter(root -> !root.isEmpty())
        .toList());
  }

  /** 0: a thread per core the JVM may use. */
  private static int embedThreads(int configured) {
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }
}
