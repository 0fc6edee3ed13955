package io.agentmesh.verticles.rag;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.ArrayList;
import java.util.List;

/**
 * Where embeddings are computed: off the event loop, on two lanes of one thread each, so a search's query never
 * waits behind a bulk ingest; ingests queue in their own lane (one batch at a time, the model keeps the cores busy).
 */
final class EmbeddingLanes {

  private final Embedder embedder;
  private final int batch;
  private final WorkerExecutor bulk;
  private final WorkerExecutor queries;

  EmbeddingLanes(Vertx vertx, Embedder embedder, int batch) {
    this.embedder = embedder;
    this.batch = batch;
    this.bulk = vertx.createSharedWorkerExecutor("rag-embed-bulk", 1);
    this.queries = vertx.createSharedWorkerExecutor("rag-embed-query", 1);
  }

  /** Vectors of many texts (a document's chunks), in batches, in order. */
  Future<List<float[]>> bulk(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < texts.size(); from += batch) {
      List<String> part = texts.subList(from, Math.min(texts.size(), from + batch));
      chain = chain.compose(v -> bulk.executeBlocking(() -> embedder.embed(part), true)
        .map(done -> {
          vectors.addAll(done);
          return null;
        }));
    }
    return chain.map(vectors);
  }

  /** A query's vector, computed in the query lane. */
  Future<float[]> query(String text) {
    return queries.executeBlocking(() -> embedder.embed(List.of(text)).get(0), false);
  }

  Future<Void> close() {
    return Future.join(bulk.close(), queries.close()).mapEmpty();
  }
}
