package io.agentmesh.verticles.rag;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * This node's search index of every collection (Lucene: an HNSW graph of the chunks' vectors, cosine, and BM25 over
 * their text with {@link CodeAwareAnalyzer}). Derived data: it records the last change-log entry it applied in its
 * commit, and an index that cannot be opened is thrown away and rebuilt from PostgreSQL by replaying the log.
 * Blocking: writes on the domain's one index thread, searches on its search threads.
 */
final class SearchIndex implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
  private static final String APPLIED = "applied_sequence";
  /**
   * The index's format, recorded in its commits: an index of another format is rebuilt from PostgreSQL at start.
   * 2: the text field's postings hold offsets (the highlighter reads them instead of analysing each hit again).
   */
  private static final String FORMAT_KEY = "format";
  private static final String FORMAT = "2";
  private static final FieldType TEXT_WITH_OFFSETS = textWithOffsets();
  private static final String TEXT = "text";
  private static final String VECTOR = "vector";
  /** The local model's size: its field keeps the plain name indexes were built with before other models came. */
  private static final int LOCAL_DIMENSIONS = 384;
  private static final String CODE = "code";
  /**
   * Candidates a vector search collects before keeping the best k: on 100,000 real chunks merged into one graph,
   * 64 find 0.94 of the true 10 nearest, 80 find 0.96 at a p50 of 2.3 ms (bench/RESULTS.md, "RAG index").
   */
  private static final int CANDIDATES = 80;
  /** The most chunks a regular-expression search reads. */
  private static final int MAX_SCAN = 100_000;

  private final Path path;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer queryAnalyzer = new CodeAwareAnalyzer(false);
  private final Analyzer exactAnalyzer = new ExactCodeAnalyzer();
  private volatile long applied;

  private SearchIndex(Path path, Directory directory, IndexWriter writer, long applied) throws IOException {
    this.path = path;
    this.directory = directory;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
    this.applied = applied;
  }

  /**
   * How the HNSW graph is built: each vector's neighbours ({@code maxConn}) and the candidates weighed when linking
   * one ({@code beamWidth}); more of either finds more true neighbours per candidate searched, at a longer build.
   */
  record VectorGraph(int maxConn, int beamWidth) {
    static final VectorGraph DEFAULT = new VectorGraph(16, 100);
  }

  /** Opens the index at {@code path}; one that is unreadable is deleted and started again (empty). */
  static SearchIndex open(Path path) throws IOException {
    return open(path, VectorGraph.DEFAULT);
  }

  static SearchIndex open(Path path, VectorGraph graph) throws IOException {
    if (!ofCurrentFormat(path)) {
      LOG.info("The search index at {} is of an older format; rebuilding it from PostgreSQL", path);
      deleteTree(path);
    }
    try {
      return openAt(path, graph);
    } catch (IOException | RuntimeException e) {
      LOG.warn("The search index at {} cannot be opened ({}); rebuilding it from PostgreSQL", path, e.toString());
      deleteTree(path);
      return openAt(path, graph);
    }
  }

  private static SearchIndex openAt(Path path, VectorGraph graph) throws IOException {
    Files.createDirectories(path);
    Directory directory = FSDirectory.open(path);
    try {
      Analyzer analyzer = new PerFieldAnalyzerWrapper(new CodeAwareAnalyzer(true), Map.of(CODE,
        new ExactCodeAnalyzer()));
      KnnVectorsFormat vectors = new Lucene99HnswVectorsFormat(graph.maxConn(), graph.beamWidth());
      IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setRAMBufferSizeMB(64)
        .setCodec(new Lucene103Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return vectors;
          }
        }));
      long applied = 0;
      if (!DirectoryReader.indexExists(directory)) {
        writer.setLiveCommitData(commitData(0));
      } else {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
          reader.numDocs(); // reads every segment's header: a corrupt one fails here, not at the first search
        }
        Map<String, String> data = writer.getLiveCommitData() == null ? Map.of() : toMap(writer);
        applied = Long.parseLong(data.getOrDefault(APPLIED, "0"));
      }
      return new SearchIndex(path, directory, writer, applied);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** True unless an index is there whose last commit names another format (or none: written before formats). */
  private static boolean ofCurrentFormat(Path path) {
    if (!Files.isDirectory(path)) {
      return true;
    }
    try (Directory directory = FSDirectory.open(path)) {
      return !DirectoryReader.indexExists(directory)
        || FORMAT.equals(SegmentInfos.readLatestCommit(directory).getUserData().get(FORMAT_KEY));
    } catch (IOException | RuntimeException e) {
      return true; // unreadable: opening it fails the same way, and rebuilds it
    }
  }

  private static Iterable<Map.Entry<String, String>> commitData(long applied) {
    return Map.of(APPLIED, Long.toString(applied), FORMAT_KEY, FORMAT).entrySet();
  }

  private static FieldType textWithOffsets() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  private static Map<String, String> toMap(IndexWriter writer) {
    Map<String, String> data = new HashMap<>();
    writer.getLiveCommitData().forEach(entry -> data.put(entry.getKey(), entry.getValue()));
    return data;
  }

  /** The last change-log sequence number this index holds. */
  long applied() {
    return applied;
  }

  /** Applies change-log entries in order and commits them with the last one's sequence number. */
  void apply(List<IndexChange> changes) throws IOException {
    if (changes.isEmpty()) {
      return;
    }
    for (IndexChange change : changes) {
      switch (change.op()) {
        case "drop" -> writer.deleteDocuments(new Term("collection_id", change.collectionId()));
        case "delete" -> writer.deleteDocuments(new Term("document_id", change.documentId()));
        default -> {
          writer.deleteDocuments(new Term("document_id", change.documentId()));
          writer.addDocuments(change.chunks().stream().map(SearchIndex::document).toList());
        }
      }
    }
    long last = changes.get(changes.size() - 1).sequence();
    writer.setLiveCommitData(commitData(last));
    writer.commit();
    searchers.maybeRefreshBlocking();
    applied = last;
  }

  /** A field per vector size: Lucene's HNSW graph holds vectors of one size; models differ in theirs. */
  private static String vectorField(int dimensions) {
    return dimensions == LOCAL_DIMENSIONS ? VECTOR : VECTOR + "_" + dimensions;
  }

  private static Document document(IndexedChunk chunk) {
    Document doc = new Document();
    doc.add(new StringField("chunk_id", chunk.chunkId(), Field.Store.YES));
    doc.add(new StringField("collection_id", chunk.collectionId(), Field.Store.YES));
    doc.add(new StringField("document_id", chunk.documentId(), Field.Store.YES));
    doc.add(new StoredField("document_name", chunk.documentName()));
    doc.add(new StoredField("ordinal", chunk.ordinal()));
    doc.add(new StoredField("start", chunk.start()));
    doc.add(new StoredField("end", chunk.end()));
    if (chunk.symbol() != null) {
      doc.add(new StringField("symbol", chunk.symbol(), Field.Store.YES));
    }
    chunk.metadata().forEach((key, value) -> doc.add(new StringField("meta." + key, value, Field.Store.NO)));
    doc.add(new Field(TEXT, chunk.text(), TEXT_WITH_OFFSETS));
    doc.add(new TextField(CODE, chunk.text(), Field.Store.NO));
    doc.add(new KnnFloatVectorField(vectorField(chunk.vector().length), chunk.vector(),
      VectorSimilarityFunction.COSINE));
    return doc;
  }

  /**
   * The {@code k} chunks nearest to the vectors (score: (1 + cosine) / 2), each vector searching its own
   * collections (one vector per embedding model: each model's vectors have a field of their own), best first.
   */
  List<Found> nearest(List<VectorScope> vectors, int k) throws IOException {
    return withSearcher(searcher -> load(searcher, nearestDocs(searcher, vectors, k, CANDIDATES), null));
  }

  /** One vector, collecting {@code atLeast} candidates (the benchmark's sweep of recall against latency). */
  List<Found> nearest(float[] vector, Scope scope, int k, int atLeast) throws IOException {
    return withSearcher(searcher -> load(searcher, nearestDocs(searcher, List.of(new VectorScope(vector, scope)), k,
      atLeast), null));
  }

  /** The {@code k} best chunks for {@code text} by BM25 in the given collections, with highlighted fragments. */
  List<Found> keyword(String text, Scope scope, int k) throws IOException {
    Query words = words(text);
    if (words == null) {
      return List.of(); // nothing searchable in the query (only punctuation)
    }
    return withSearcher(searcher -> load(searcher, keywordDocs(searcher, words, scope, k), words));
  }

  /**
   * Both lists, {@code depth} deep, from one view of the index, fused by rank; only the {@code k} kept are read and
   * highlighted (the fused score replaces theirs).
   */
  List<Found> hybrid(List<VectorScope> vectors, String text, Scope scope, int depth, int k, RankFusion fusion)
    throws IOException {
    Query words = words(text);
    return withSearcher(searcher -> {
      ScoreDoc[] semantic = nearestDocs(searcher, vectors, depth, CANDIDATES);
      ScoreDoc[] keyword = words == null ? new ScoreDoc[0] : keywordDocs(searcher, words, scope, depth);
      return load(searcher, fusion.fuse(semantic, keyword, k), words);
    });
  }

  private ScoreDoc[] nearestDocs(IndexSearcher searcher, List<VectorScope> vectors, int k, int atLeast)
    throws IOException {
    int candidates = Math.max(k, atLeast);
    List<ScoreDoc> all = new ArrayList<>();
    for (VectorScope vector : vectors) {
      all.addAll(List.of(searcher.search(new KnnFloatVectorQuery(vectorField(vector.vector().length),
        vector.vector(), candidates, vector.scope().filter()), candidates).scoreDocs));
    }
    all.sort(Comparator.comparingDouble((ScoreDoc hit) -> hit.score).reversed());
    return all.subList(0, Math.min(k, all.size())).toArray(ScoreDoc[]::new);
  }

  private Query words(String text) {
    return new QueryBuilder(queryAnalyzer).createBooleanQuery(TEXT, text, Occur.SHOULD);
  }

  private static ScoreDoc[] keywordDocs(IndexSearcher searcher, Query words, Scope scope, int k) throws IOException {
    Query query = new BooleanQuery.Builder().add(words, Occur.MUST).add(scope.filter(), Occur.FILTER).build();
    return searcher.search(query, k).scoreDocs;
  }

  /**
   * Code as written: identifiers and numbers of {@code text} in that order, case-sensitive (BM25 ranks the chunks
   * that hold the phrase); the fragment given is the first line holding its first identifier.
   */
  List<Found> exact(String text, Scope scope, int k) throws IOException {
    Query phrase = new QueryBuilder(exactAnalyzer).createPhraseQuery(CODE, text);
    if (phrase == null) {
      return List.of();
    }
    Query query = new BooleanQuery.Builder().add(phrase, Occur.MUST).add(scope.filter(), Occur.FILTER).build();
    Matcher token = ExactCodeAnalyzer.TOKEN.matcher(text);
    String first = token.find() ? token.group() : "";
    return withSearcher(searcher -> load(searcher, searcher.search(query, k).scoreDocs, null)).stream()
      .map(found -> found.withHighlights(line(found.text(), found.text().indexOf(first)))).toList();
  }

  /**
   * The chunks in scope whose text {@code scan} matches, in index order, at most {@code k}; each with the line of
   * its first match. Reads at most 100,000 chunks, and stops at the scan's deadline.
   */
  List<Found> matching(RegexScan scan, Scope scope, int k) throws IOException {
    return withSearcher(searcher -> {
      TopDocs candidates = searcher.search(scope.filter(), MAX_SCAN);
      StoredFields stored = searcher.storedFields();
      List<Found> found = new ArrayList<>();
      for (ScoreDoc candidate : candidates.scoreDocs) {
        if (found.size() == k || scan.expired()) {
          break;
        }
        Found chunk = found(stored.document(candidate.doc), 1.0, null);
        int[] match = scan.find(chunk.text());
        if (match != null) {
          found.add(chunk.withHighlights(line(chunk.text(), match[0])));
        }
      }
      return found;
    });
  }

  private static List<String> line(String text, int at) {
    if (at < 0) {
      return List.of();
    }
    int start = text.lastIndexOf('\n', at) + 1;
    int end = text.indexOf('\n', at);
    return List.of(text.substring(start, end < 0 ? text.length() : end).strip());
  }

  /** A query vector and the collections it searches (those whose chunks were embedded by its model). */
  record VectorScope(float[] vector, Scope scope) {
  }

  /** Which chunks a search may return: of these collections, with these metadata values and this symbol. */
  record Scope(Collection<String> collections, Map<String, String> filters, String symbol) {

    Query filter() {
      BooleanQuery.Builder filter = new BooleanQuery.Builder()
        .add(new TermInSetQuery("collection_id", collections.stream().map(BytesRef::new).toList()), Occur.FILTER);
      filters.forEach((key, value) -> filter.add(new TermQuery(new Term("meta." + key, value)), Occur.FILTER));
      if (symbol != null) {
        filter.add(new TermQuery(new Term("symbol", symbol)), Occur.FILTER);
      }
      return filter.build();
    }
  }

  /** A blocking read of one view of the index (the view stays the same throughout: document numbers hold). */
  private interface Read<T> {
    T on(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(Read<T> read) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      return read.on(searcher);
    } finally {
      searchers.release(searcher);
    }
  }

  /** The chunks of {@code hits}, in order, each with its score there and its fragments matching {@code highlight}. */
  private List<Found> load(IndexSearcher searcher, ScoreDoc[] hits, Query highlight) throws IOException {
    String[] fragments = highlight == null || hits.length == 0 ? null
      : UnifiedHighlighter.builder(searcher, queryAnalyzer).withMaxNoHighlightPassages(0).build()
        .highlight(TEXT, highlight, new TopDocs(new TotalHits(hits.length, TotalHits.Relation.EQUAL_TO), hits), 2);
    StoredFields stored = searcher.storedFields();
    List<Found> found = new ArrayList<>(hits.length);
    for (int i = 0; i < hits.length; i++) {
      found.add(found(stored.document(hits[i].doc), hits[i].score, fragments == null ? null : fragments[i]));
    }
    return found;
  }

  private static Found found(Document doc, double score, String fragment) {
    return new Found(doc.get("chunk_id"), doc.get("collection_id"), doc.get("document_id"), doc.get("document_name"),
      doc.getField("ordinal").numericValue().intValue(), doc.get(TEXT), doc.getField("start").numericValue().intValue(),
      doc.getField("end").numericValue().intValue(), doc.get("symbol"), score,
      fragment == null ? List.of() : List.of(fragment));
  }

  /** Chunks of {@code collectionId} in this index. */
  long count(String collectionId) throws IOException {
    return withSearcher(searcher -> searcher.count(new TermQuery(new Term("collection_id", collectionId))));
  }

  /** Chunks in the index, every collection's (as of its last refresh). */
  long size() {
    try {
      return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
    } catch (IOException e) {
      return 0;
    }
  }

  /** Segments of the index now: each is searched on its own (its own graph), so fewer is faster. */
  int segments() throws IOException {
    return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
  }

  /** Merges the index down to {@code maxSegments} (after a bulk build: one graph to search instead of many). */
  void merge(int maxSegments) throws IOException {
    writer.forceMerge(maxSegments);
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  /** The index's size on disk. */
  long sizeBytes() {
    try (Stream<Path> files = Files.list(path)) {
      return files.mapToLong(file -> file.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
    directory.close();
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
