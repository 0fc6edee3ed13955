package io.agentmesh.verticles.rag;

import io.agentmesh.bench.Percentiles;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * ANN quality and speed of the rag domain's index, in process: a real corpus (source and text files under the
 * given roots) cut by the domain's own chunker, embedded once by the domain's model (kept in {@code vectors}, so a
 * rerun reuses them), indexed by {@link SearchIndex}, then queried with held-out chunks' vectors: recall@10 against
 * an exact scan, latency per query, build time and size. Lives in the domain's package to drive its classes.
 *
 * <p>Arguments: vectors-file index-dir chunks queries root...
 */
public final class RagIndexBench {

  private static final int K = 10;
  /** Chunks held out of the index as queries, by default (scripts/bench passes it). */
  static final int QUERIES = 1000;

  private RagIndexBench() {
  }

  public static void main(String[] args) throws Exception {
    Path vectorsFile = Path.of(args[0]);
    Path indexDir = Path.of(args[1]);
    int indexed = Integer.parseInt(args[2]);
    int queries = Integer.parseInt(args[3]);
    List<Path> roots = Stream.of(args).skip(4).map(Path::of).toList();
    List<String> texts = chunkTexts(roots, indexed + queries);
    System.out.printf("corpus chunks=%d (of %d asked) from %s%n", texts.size(), indexed + queries, roots);
    float[][] vectors = vectors(vectorsFile, texts);
    int n = Math.min(indexed, vectors.length - queries);

    deleteTree(indexDir);
    long built = System.nanoTime();
    String[] graphSetting = System.getProperty("rag.graph", "16,100").split(",");
    SearchIndex.VectorGraph graph = new SearchIndex.VectorGraph(Integer.parseInt(graphSetting[0]),
      Integer.parseInt(graphSetting[1]));
    System.out.printf("graph max_conn=%d beam_width=%d%n", graph.maxConn(), graph.beamWidth());
    try (SearchIndex index = SearchIndex.open(indexDir, graph)) {
      List<IndexChange> batch = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        batch.add(new IndexChange(i + 1, "upsert", "col_bench", "doc_" + i, List.of(new IndexedChunk("doc_" + i + "_0",
          "col_bench", "doc_" + i, "doc", 0, texts.get(i), 0, texts.get(i).length(), null, Map.of(), vectors[i]))));
        if (batch.size() == 2000) {
          index.apply(batch);
          batch.clear();
        }
      }
      index.apply(batch);
      double buildSeconds = (System.nanoTime() - built) / 1e9;
      System.out.printf("index chunks=%d dims=%d build_s=%.1f size_mib=%.1f segments=%d%n", n, vectors[0].length,
        buildSeconds, index.sizeBytes() / 1048576.0, index.segments());
      List<List<String>> exact = new ArrayList<>();
      for (int q = 0; q < queries; q++) {
        exact.add(exact(vectors, n, vectors[n + q]));
      }
      query(index, vectors, n, exact, 64, "as built");
      long merged = System.nanoTime();
      index.merge(1);
      System.out.printf("merged segments=%d merge_s=%.1f size_mib=%.1f%n", index.segments(),
        (System.nanoTime() - merged) / 1e9, index.sizeBytes() / 1048576.0);
      for (int candidates : new int[] {30, 50, 64, 80, 120}) {
        query(index, vectors, n, exact, candidates, "merged");
      }
    }
  }

  private static void query(SearchIndex index, float[][] vectors, int n, List<List<String>> exact, int candidates,
                            String label) throws IOException {
    int queries = exact.size();
    SearchIndex.Scope scope = new SearchIndex.Scope(List.of("col_bench"), Map.of(), null);
    for (int i = 0; i < 200; i++) { // warm-up
      index.nearest(vectors[n + (i % queries)], scope, K, candidates);
    }
    double recall = 0;
    List<Double> millis = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      long start = System.nanoTime();
      List<Found> found = index.nearest(vectors[n + q], scope, K, candidates);
      millis.add((System.nanoTime() - start) / 1e6);
      List<String> truth = exact.get(q);
      recall += found.stream().filter(hit -> truth.contains(hit.chunkId())).count() / (double) K;
    }
    millis.sort(null);
    System.out.printf("ann %s candidates=%d recall_at_10=%.4f query_ms p50=%.2f p99=%.2f (queries=%d, held out)%n",
      label, candidates, recall / queries, Percentiles.of(millis, 50), Percentiles.of(millis, 99), queries);
  }

  /** The true 10 nearest by cosine, by scanning every vector. */
  private static List<String> exact(float[][] vectors, int n, float[] query) {
    double queryNorm = norm(query);
    Integer[] order = new Integer[n];
    double[] similarity = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      double dot = 0;
      for (int d = 0; d < query.length; d++) {
        dot += query[d] * vectors[i][d];
      }
      similarity[i] = dot / (queryNorm * norm(vectors[i]));
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> -similarity[i]));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < K; i++) {
      ids.add("doc_" + order[i] + "_0");
    }
    return ids;
  }

  private static double norm(float[] vector) {
    double sum = 0;
    for (float value : vector) {
      sum += value * value;
    }
    return Math.sqrt(sum);
  }

  /** Chunk texts of the files under {@code roots} (source, Markdown, text), in path order, up to {@code wanted}. */
  static List<String> chunkTexts(List<Path> roots, int wanted) throws IOException {
    Chunker chunker = new Chunker(new ModelTokens());
    List<String> texts = new ArrayList<>();
    for (Path root : roots) {
      for (Path file : corpusFiles(root)) {
        DocumentKind kind = DocumentKind.of(file.getFileName().toString(), null);
        if (kind == null || kind == DocumentKind.OFFICE || Files.size(file) > 2_000_000) {
          continue;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (text.isBlank() || text.indexOf('\0') >= 0) {
          continue;
        }
        for (Chunk chunk : chunker.chunks(text, kind, 256, 32)) {
          texts.add(chunk.text());
          if (texts.size() == wanted) {
            return texts;
          }
        }
      }
    }
    return texts;
  }

  /** The regular files under {@code root}, in path order: the corpus every RAG benchmark reads alike. */
  static List<Path> corpusFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** The texts' vectors: read from {@code file} when it holds as many, else computed by the model and written. */
  static float[][] vectors(Path file, List<String> texts) throws IOException {
    if (Files.exists(file)) {
      try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
        int count = in.readInt();
        int dims = in.readInt();
        if (count == texts.size()) {
          float[][] vectors = new float[count][dims];
          for (float[] vector : vectors) {
            for (int d = 0; d < dims; d++) {
              vector[d] = in.readFloat();
            }
          }
          System.out.printf("vectors read from %s%n", file);
          return vectors;
        }
      }
    }
    LocalMiniLm model = new LocalMiniLm();
    float[][] vectors = new float[texts.size()][];
    long start = System.nanoTime();
    for (int from = 0; from < texts.size(); from += 32) {
      List<float[]> batch = model.embed(texts.subList(from, Math.min(texts.size(), from + 32)));
      for (int i = 0; i < batch.size(); i++) {
        vectors[from + i] = batch.get(i);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("model alone chunks=%d seconds=%.1f chunks_per_s=%.0f%n", texts.size(), seconds,
      texts.size() / seconds);
    Files.createDirectories(file.getParent());
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(vectors.length);
      out.writeInt(vectors[0].length);
      for (float[] vector : vectors) {
        for (float value : vector) {
          out.writeFloat(value);
        }
      }
    }
    return vectors;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
