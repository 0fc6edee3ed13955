package io.agentmesh.verticles.rag;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ingest end to end against a running node, then the model alone on the same chunks in this process, one after the
 * other on the same cores. Files (source, Markdown, text under the given roots, each with bytes of its own) go up as
 * multipart uploads of 100; the clock stops when every job is completed and the node's index holds every chunk.
 * The chunks are cut here by the domain's own chunker with the node's settings, so the model embeds what the node
 * embedded (each distinct text once, as the node does).
 *
 * <p>Arguments: base-url token collection-id chunks root...
 */
public final class RagIngestBench {

  private static final int FILES_PER_UPLOAD = 100;
  private static final int EMBED_BATCH = 32;
  private static final List<Path> WARMUP_ROOTS = List.of(Path.of("bench/src"), Path.of("node/src"),
    Path.of("eventbus-codecs/src"));
  private static final int WARMUP_CHUNKS = 600;

  private RagIngestBench() {
  }

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String token = args[1];
    String collection = args[2];
    int wanted = Integer.parseInt(args[3]);
    List<Path> roots = Stream.of(args).skip(4).map(Path::of).toList();
    Corpus corpus = corpus(roots, wanted, Set.of());
    System.out.printf("corpus files=%d chunks=%d distinct_chunks=%d tokens=%d%n", corpus.files.size(),
      corpus.chunks, corpus.distinct.size(), corpus.tokens);

    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx);
    // A fresh JVM spends its first minute compiling (C2 had used 17 s of CPU by the end of a first 3,000-chunk ingest):
    // a smaller corpus of other files goes first, into a collection of its own, so the run measures the pipeline.
    Corpus warmup = corpus(WARMUP_ROOTS, WARMUP_CHUNKS, Set.copyOf(corpus.files));
    String warmupCollection = join(client.post(base.getPort(), base.getHost(), "/api/v1/collections")
      .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("name", "bench-warmup")))
      .bodyAsJsonObject().getString("id");
    Ingested warm = ingest(client, base, token, warmupCollection, warmup);
    System.out.printf("warmup files=%d chunks=%d seconds=%.1f%n", warmup.files.size(), warm.chunks, warm.seconds);
    Ingested run = ingest(client, base, token, collection, corpus);
    System.out.printf("ingest files=%d chunks=%d seconds=%.1f (uploads %.1f) chunks_per_s=%.1f tokens_per_s=%.0f%n",
      corpus.files.size(), run.chunks, run.seconds, run.uploadSeconds, run.chunks / run.seconds,
      corpus.tokens / run.seconds);
    join(vertx.close());
    double seconds = run.seconds;
    long chunks = run.chunks;

    LocalMiniLm model = new LocalMiniLm();
    List<String> warmupTexts = List.copyOf(warmup.distinct);
    for (int from = 0; from < warmupTexts.size(); from += EMBED_BATCH) {
      model.embed(warmupTexts.subList(from, Math.min(warmupTexts.size(), from + EMBED_BATCH)));
    }
    List<String> texts = List.copyOf(corpus.distinct);
    // As the node's bulk lane runs it: a single-core call per thread, a thread per core, batches of 32.
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService lane = Executors.newFixedThreadPool(threads);
    long modelStart = System.nanoTime();
    List<CompletableFuture<Void>> batches = new ArrayList<>();
    for (int from = 0; from < texts.size(); from += EMBED_BATCH) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + EMBED_BATCH));
      batches.add(CompletableFuture.runAsync(() -> model.embed(batch), lane));
    }
    CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).join();
    double modelSeconds = (System.nanoTime() - modelStart) / 1e9;
    lane.shutdown();
    // The node embedded the distinct texts only; per stored chunk, the model alone would reach this rate:
    double modelRate = chunks / modelSeconds;
    System.out.printf("model alone distinct_chunks=%d seconds=%.1f chunks_per_s=%.1f (per stored chunk) "
      + "tokens_per_s=%.0f%n", texts.size(), modelSeconds, modelRate, corpus.tokens / modelSeconds);
    System.out.printf("ratio ingest/model=%.2f%n", (chunks / seconds) / modelRate);
    // What a search's query costs the model: short texts, one at a time, as the query lane embeds them.
    int queries = 300;
    for (int i = 0; i < 50; i++) {
      model.embed(List.of("warm up " + i));
    }
    long queryStart = System.nanoTime();
    for (int i = 0; i < queries; i++) {
      model.embed(List.of("lease retry " + i + " worker"));
    }
    double perQuery = (System.nanoTime() - queryStart) / 1e6 / queries;
    System.out.printf("model alone queries=%d ms_per_query=%.2f queries_per_s=%.0f%n", queries, perQuery,
      1000 / perQuery);
  }

  /** The time taken by one collection's ingest: from the first upload until every chunk is in the node's index. */
  private record Ingested(double seconds, double uploadSeconds, long chunks) {
  }

  private static Ingested ingest(WebClient client, URI base, String token, String collection, Corpus corpus)
    throws Exception {
    long start = System.nanoTime();
    for (int from = 0; from < corpus.files.size(); from += FILES_PER_UPLOAD) {
      MultipartForm form = MultipartForm.create();
      for (Path file : corpus.files.subList(from, Math.min(corpus.files.size(), from + FILES_PER_UPLOAD))) {
        form.binaryFileUpload("files", corpus.names.get(file), Buffer.buffer(Files.readAllBytes(file)),
          "application/octet-stream");
      }
      HttpResponse<Buffer> accepted = join(client.post(base.getPort(), base.getHost(), "/api/v1/collections/"
        + collection + "/documents").bearerTokenAuthentication(token).sendMultipartForm(form));
      if (accepted.statusCode() != 202) {
        throw new IllegalStateException("upload: " + accepted.statusCode() + " " + accepted.bodyAsString());
      }
    }
    double uploaded = (System.nanoTime() - start) / 1e9;
    JsonObject stats;
    do {
      Thread.sleep(200);
      stats = join(client.get(base.getPort(), base.getHost(), "/api/v1/collections/" + collection + "/stats")
        .bearerTokenAuthentication(token).send()).bodyAsJsonObject();
    } while (stats.getLong("documents") < corpus.files.size() || pending(client, base, token, collection)
      || stats.getLong("indexed_chunks") < stats.getLong("chunks"));
    return new Ingested((System.nanoTime() - start) / 1e9, uploaded, stats.getLong("chunks"));
  }

  /** Whether the collection has a document not yet indexed or failed (a job still under way). */
  private static boolean pending(WebClient client, URI base, String token, String collection) throws Exception {
    JsonObject page = join(client.get(base.getPort(), base.getHost(), "/api/v1/collections/" + collection
      + "/documents?limit=100&order=desc").bearerTokenAuthentication(token).send()).bodyAsJsonObject();
    return page.getJsonArray("data").stream().anyMatch(document -> "pending".equals(((JsonObject) document)
      .getString("status")));
  }

  private static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
  }

  private static final class Corpus {
    final List<Path> files = new ArrayList<>();
    final Map<Path, String> names = new HashMap<>();
    final Set<String> distinct = new LinkedHashSet<>();
    long chunks;
    long tokens;
  }

  /**
   * Files in path order, each with bytes no earlier file had, until their chunks reach {@code wanted}; none of
   * {@code excluded}.
   */
  private static Corpus corpus(List<Path> roots, int wanted, Set<Path> excluded) throws Exception {
    Chunker chunker = new Chunker(new ModelTokens());
    Corpus corpus = new Corpus();
    Set<String> hashes = new HashSet<>();
    for (Path root : roots) {
      for (Path file : RagIndexBench.corpusFiles(root)) {
        DocumentKind kind = DocumentKind.of(file.getFileName().toString(), null);
        byte[] bytes = Files.readAllBytes(file);
        if (excluded.contains(file) || kind == null || kind == DocumentKind.OFFICE || kind == DocumentKind.HTML
          || bytes.length > 2_000_000 || !hashes.add(ContentHash.of(bytes))) {
          continue;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank() || text.indexOf('\0') >= 0) {
          continue;
        }
        List<Chunk> chunks = chunker.chunks(text, kind, 256, 32);
        corpus.files.add(file);
        corpus.names.put(file, root.getFileName() + "/" + root.relativize(file));
        for (Chunk chunk : chunks) {
          corpus.distinct.add(chunk.text());
          corpus.tokens += chunk.tokens();
        }
        corpus.chunks += chunks.size();
        if (corpus.chunks >= wanted) {
          return corpus;
        }
      }
    }
    return corpus;
  }
}
