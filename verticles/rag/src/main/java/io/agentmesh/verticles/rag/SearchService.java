package io.agentmesh.verticles.rag;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.rag.SearchHit;
import io.agentmesh.contract.rag.SearchRequest;
import io.agentmesh.contract.rag.SearchResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Search over the caller's collections on this node's index: semantic (nearest vectors), keyword (BM25 with
 * highlights) or hybrid (both, fused by weighted reciprocal rank). Reads its writes: it first waits (briefly) for
 * this node's index to hold the collections' last change, and answers 503 rather than stale results.
 */
final class SearchService {

  static final Set<String> MODES = Set.of("semantic", "keyword", "hybrid", "syntax");
  /** How long a regular expression may search. */
  private static final long REGEX_BUDGET_MS = 2000;
  private static final int MAX_QUERY = 4000;

  private final Pool pool;
  private final SearchIndex index;
  private final IndexFollower follower;
  private final EmbeddingModels embeddings;
  private final RagOptions options;
  private final WorkerExecutor searchers;
  private final SearchCache cache;
  private final RankFusion fusion;

  SearchService(Vertx vertx, Pool pool, SearchIndex index, IndexFollower follower, EmbeddingModels embeddings,
                SearchCache cache, RagOptions options) {
    this.pool = pool;
    this.index = index;
    this.follower = follower;
    this.embeddings = embeddings;
    this.options = options;
    this.cache = cache;
    this.fusion = new RankFusion(options.semanticWeight(), options.keywordWeight(), options.rrfK());
    this.searchers = vertx.createSharedWorkerExecutor("rag-search", 2);
  }

  static List<FieldError> problems(SearchRequest request, int maxTopK) {
    List<FieldError> problems = new ArrayList<>();
    if (request.query() == null || request.query().isBlank() || request.query().length() > MAX_QUERY) {
      problems.add(new FieldError("query", "1 to " + MAX_QUERY + " characters"));
    }
    if (request.mode() != null && !MODES.contains(request.mode())) {
      problems.add(new FieldError("mode", "must be one of semantic, keyword, hybrid, syntax"));
    } else if ("syntax".equals(request.mode()) && regex(request.query()) != null
      && RegexScan.of(regex(request.query()), 1) == null) {
      problems.add(new FieldError("query", "is not a valid regular expression"));
    }
    if (request.topK() != null && (request.topK() < 1 || request.topK() > maxTopK)) {
      problems.add(new FieldError("top_k", "from 1 to " + maxTopK));
    }
    if (request.collectionIds().isEmpty() || request.collectionIds().size() > 20) {
      problems.add(new FieldError("collection_ids", "1 to 20 collections"));
    }
    return problems;
  }

  /**
   * Searches {@code collections} (already checked readable by the caller): from the cache when this request was
   * answered at the collections' current versions, else on this node's index once it holds their last change.
   */
  Future<SearchResult> search(List<SearchCache.Version> collections, SearchRequest request) {
    String mode = request.mode() == null ? "hybrid" : request.mode();
    String key = SearchCache.key(collections, request, mode);
    return cache.get(key, mode).compose(cached -> cached.isPresent() ? Future.succeededFuture(cached.get())
      : searchIndex(collections, request, mode).onSuccess(result -> cache.put(key, result)));
  }

  Double cacheHitRate() {
    return cache.hitRate();
  }

  private Future<SearchResult> searchIndex(List<SearchCache.Version> collections, SearchRequest request,
                                           String mode) {
    int k = request.topK() == null ? 10 : request.topK();
    List<String> ids = collections.stream().map(SearchCache.Version::id).toList();
    return lastChange(ids)
      .compose(sequence -> follower.reached(sequence, options.catchUpWaitMs()).recover(behind ->
        Future.failedFuture(DomainException.retryLater(ErrorCode.UNAVAILABLE, "This node's search index is still "
          + "catching up with the latest ingest; try again in a moment.", 1))))
      .compose(v -> switch (mode) {
        case "semantic" -> semantic(request, collections, k);
        case "keyword" -> keyword(request, ids, k);
        case "syntax" -> syntax(request, ids, k);
        default -> hybrid(request, collections, k);
      })
      .map(found -> new SearchResult(mode, hits(found, request.minScore())));
  }

  private Future<Long> lastChange(List<String> collectionIds) {
    return pool.preparedQuery("SELECT coalesce(max(seq), 0) AS seq FROM changes WHERE collection_id = ANY($1)")
      .execute(Tuple.tuple().addArrayOfString(collectionIds.toArray(String[]::new)))
      .map(rows -> rows.iterator().next().getLong("seq"));
  }

  private Future<List<Found>> semantic(SearchRequest request, List<SearchCache.Version> collections, int k) {
    return vectors(request, collections).compose(vectors -> searchers.executeBlocking(() ->
      index.nearest(vectors, k), false));
  }

  /** The query's vector by each model of the collections, each to search the collections of its model. */
  private Future<List<SearchIndex.VectorScope>> vectors(SearchRequest request,
                                                        List<SearchCache.Version> collections) {
    Map<String, List<String>> byModel = collections.stream().collect(Collectors.groupingBy(
      SearchCache.Version::model, TreeMap::new, Collectors.mapping(SearchCache.Version::id, Collectors.toList())));
    List<Future<SearchIndex.VectorScope>> vectors = byModel.entrySet().stream().map(group -> embeddings.query(
        group.getKey(), request.query()).map(vector -> new SearchIndex.VectorScope(vector, scope(request,
        group.getValue()))))
      .toList();
    return Future.all(vectors).map(all -> all.list());
  }

  private Future<List<Found>> keyword(SearchRequest request, List<String> ids, int k) {
    return searchers.executeBlocking(() -> index.keyword(request.query(), scope(request, ids), k), false);
  }

  /** {@code /pattern/}: a regular expression over the chunks' text; anything else: code as written. */
  private Future<List<Found>> syntax(SearchRequest request, List<String> ids, int k) {
    String regex = regex(request.query());
    if (regex == null) {
      return searchers.executeBlocking(() -> index.exact(request.query(), scope(request, ids), k), false);
    }
    RegexScan scan = RegexScan.of(regex, REGEX_BUDGET_MS);
    return searchers.executeBlocking(() -> index.matching(scan, scope(request, ids), k), false)
      .recover(failure -> Future.failedFuture(failure instanceof RegexScan.TimedOut
        ? DomainException.validation(List.of(new FieldError("query", "the regular expression took longer than "
          + REGEX_BUDGET_MS + " ms; make it more specific")))
        : failure));
  }

  private static String regex(String query) {
    String trimmed = query == null ? "" : query.strip();
    return trimmed.length() > 2 && trimmed.startsWith("/") && trimmed.endsWith("/")
      ? trimmed.substring(1, trimmed.length() - 1) : null;
  }

  private static SearchIndex.Scope scope(SearchRequest request, List<String> ids) {
    return new SearchIndex.Scope(ids, request.filters(), request.symbol());
  }

  /** Both lists, deeper than k, fused by rank (see {@link RankFusion}). */
  private Future<List<Found>> hybrid(SearchRequest request, List<SearchCache.Version> collections, int k) {
    int depth = Math.max(k * 2, 20);
    List<String> ids = collections.stream().map(SearchCache.Version::id).toList();
    return vectors(request, collections).compose(vectors -> searchers.executeBlocking(() -> index.hybrid(vectors,
      request.query(), scope(request, ids), depth, k, fusion), false));
  }

  private static List<SearchHit> hits(List<Found> found, Double minScore) {
    return found.stream().filter(hit -> minScore == null || hit.score() >= minScore)
      .map(hit -> new SearchHit(hit.collectionId(), hit.documentId(), hit.documentName(), hit.chunkId(),
        hit.ordinal(), hit.text(), hit.start(), hit.end(), hit.score(), hit.highlights(), hit.symbol()))
      .toList();
  }

  Future<Void> close() {
    return searchers.close();
  }
}
