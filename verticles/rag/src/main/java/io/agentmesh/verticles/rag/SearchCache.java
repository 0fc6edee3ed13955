package io.agentmesh.verticles.rag;

import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.rag.SearchRequest;
import io.agentmesh.contract.rag.SearchResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Search results in Redis, keyed by the collections searched at their current versions and the whole request: an
 * ingest or a deletion moves a collection's version, so a cached result is never stale, and old keys expire by
 * their mode's time to live. Redis being away costs the cache only: a failed read is a miss, a failed write is
 * dropped. Counts this node's hits and misses.
 */
final class SearchCache {

  private static final long TIMEOUT_MS = 200;

  private final Redis redis;
  private final long semanticTtlSeconds;
  private final long otherTtlSeconds;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  SearchCache(Redis redis, long semanticTtlSeconds, long otherTtlSeconds) {
    this.redis = redis;
    this.semanticTtlSeconds = semanticTtlSeconds;
    this.otherTtlSeconds = otherTtlSeconds;
  }

  /** A collection searched, at the version the search saw, with the model its vectors are by. */
  record Version(String id, String ownerId, long version, String model) {
  }

  static String key(List<Version> collections, SearchRequest request, String mode) {
    JsonArray versions = new JsonArray();
    collections.stream().sorted(Comparator.comparing(Version::id))
      .forEach(collection -> versions.add(collection.id() + "@" + collection.version() + "/" + collection.model()));
    JsonObject whole = MessageJson.toJsonWithoutNulls(request).put("mode", mode).put("collection_ids", versions);
    return "rag:search:" + ContentHash.of(whole.encode());
  }

  Future<Optional<SearchResult>> get(String key, String mode) {
    if (ttl(mode) <= 0) {
      return Future.succeededFuture(Optional.empty()); // results of this mode are not cached
    }
    return redis.send(Request.cmd(Command.GET).arg(key))
      .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
      .map(found -> found == null ? Optional.<SearchResult>empty()
        : Optional.of(MessageJson.fromBytes(found.toBytes(), SearchResult.class)))
      .otherwise(Optional.empty())
      .onSuccess(found -> (found.isPresent() ? hits : misses).incrementAndGet());
  }

  void put(String key, SearchResult result) {
    long ttl = ttl(result.mode());
    if (ttl <= 0) {
      return;
    }
    redis.send(Request.cmd(Command.SET).arg(key).arg(MessageJson.toBytes(result)).arg("EX").arg(ttl));
  }

  private long ttl(String mode) {
    return mode.equals("semantic") ? semanticTtlSeconds : otherTtlSeconds;
  }

  /** Hits over lookups on this node since it started; null before the first lookup. */
  Double hitRate() {
    long total = hits.get() + misses.get();
    return total == 0 ? null : (double) hits.get() / total;
  }
}
