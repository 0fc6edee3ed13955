package io.agentmesh.verticles.rag;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.ArrayList;
import java.util.List;

/**
 * Where embeddings are computed: off the event loop, on two lanes, so a search's query never waits behind a bulk
 * ingest. Each lane has a thread per core it may use, and each thread runs one single-core call of the model at a
 * time: a document's chunks are cut into batches spread over the bulk lane's threads.
 */
final class EmbeddingLanes {

  private final Embedder embedder;
  private final int batch;
  private final int threads;
  private final WorkerExecutor bulk;
  private final WorkerExecutor queries;

  EmbeddingLanes(Vertx vertx, Embedder embedder, int batch, int threads) {
    this.embedder = embedder;
    this.batch = batch;
    this.threads = threads;
    this.bulk = vertx.createSharedWorkerExecutor("rag-embed-bulk", threads);
    this.queries = vertx.createSharedWorkerExecutor("rag-embed-query", threads);
  }

  /** Vectors of many texts (a document's chunks), in order; batches of at most {@code batch}, one per thread. */
  Future<List<float[]>> bulk(List<String> texts) {
    int size = Math.max(1, Math.min(batch, (texts.size() + threads - 1) / threads));
    List<Future<List<float[]>>> parts = new ArrayList<>();
    for (int from = 0; from < texts.size(); from += size) {
      List<String> part = texts.subList(from, Math.min(texts.size(), from + size));
      parts.add(bulk.executeBlocking(() -> embedder.embed(part), false));
    }
    return Future.all(parts).map(done -> {
      List<float[]> vectors = new ArrayList<>(texts.size());
      parts.forEach(part -> vectors.addAll(part.result()));
      return vectors;
    });
  }

  /** A query's vector, computed in the query lane. */
  Future<float[]> query(String text) {
    return queries.executeBlocking(() -> embedder.embed(List.of(text)).get(0), false);
  }

  Future<Void> close() {
    return Future.join(bulk.close(), queries.close()).mapEmpty();
  }
}
