package io.agentmesh.verticles.rag;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fills a collection in PostgreSQL with {@code n} real chunks and their vectors (the corpus and vectors of
 * {@link RagIndexBench}), as ingests would have left them: 100 chunks per document, each document's change logged.
 * What a node that starts without an index then builds is the figure {@code scripts/bench ragrebuild} times.
 *
 * <p>Arguments: postgres-url collection-id vectors-file n root...
 */
public final class RagRebuildBench {

  private static final int PER_DOCUMENT = 100;

  private RagRebuildBench() {
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String collection = args[1];
    Path vectorsFile = Path.of(args[2]);
    int n = Integer.parseInt(args[3]);
    List<Path> roots = Stream.of(args).skip(4).map(Path::of).toList();
    // the rag benchmark's whole corpus (its vectors file holds its 1,000 queries too), of which the first n
    List<String> corpus = RagIndexBench.chunkTexts(roots, n + RagIndexBench.QUERIES);
    float[][] vectors = RagIndexBench.vectors(vectorsFile, corpus);
    List<String> texts = corpus.subList(0, Math.min(n, corpus.size()));
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
      .connectingTo(PgConnectOptions.fromUri(url).setProperties(Map.of("search_path", "rag"))).using(vertx).build();
    long start = System.nanoTime();
    for (int document = 0; document * PER_DOCUMENT < texts.size(); document++) {
      String id = "doc_bench_" + document;
      int from = document * PER_DOCUMENT;
      int to = Math.min(texts.size(), from + PER_DOCUMENT);
      join(pool.preparedQuery("INSERT INTO documents (id, collection_id, name, mime_type, content_hash, content, "
          + "size_bytes, status, chunk_count) VALUES ($1, $2, $3, 'text/plain', $4, $5, 1, 'indexed', $6)")
        .execute(Tuple.of(id, collection, "bench-" + document + ".txt", "bench-" + document, Buffer.buffer("x"),
          to - from)));
      List<Tuple> rows = new ArrayList<>();
      for (int i = from; i < to; i++) {
        String text = texts.get(i);
        rows.add(Tuple.of(id + "_" + (i - from), id, collection, i - from, text, 0, text.length())
          .addInteger(256).addString(null).addString(ContentHash.of(text)).addString(LocalMiniLm.NAME)
          .addBuffer(Buffer.buffer(Vectors.toBytes(vectors[i]))));
      }
      join(pool.preparedQuery("INSERT INTO chunks (id, document_id, collection_id, ordinal, text, start_offset, "
        + "end_offset, token_count, symbol, content_hash, model, vector) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        + "$10, $11, $12)").executeBatch(rows));
      join(pool.preparedQuery("INSERT INTO changes (collection_id, document_id, op) VALUES ($1, $2, 'upsert')")
        .execute(Tuple.of(collection, id)));
    }
    join(pool.preparedQuery("UPDATE collections SET version = version + 1 WHERE id = $1").execute(Tuple.of(
      collection)));
    System.out.printf("loaded chunks=%d documents=%d seconds=%.1f%n", texts.size(),
      (texts.size() + PER_DOCUMENT - 1) / PER_DOCUMENT, (System.nanoTime() - start) / 1e9);
    join(pool.close());
    join(vertx.close());
  }

  private static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(600, TimeUnit.SECONDS);
  }
}
