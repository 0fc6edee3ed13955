package io.agentmesh.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded map whose entries expire: the least recently used entry goes when it is full, any entry after its
 * time to live. Not thread-safe on purpose: each verticle instance keeps its own and touches it only from its event
 * loop, so reads cost no lock.
 */
public final class ExpiringCache<K, V> {

  private record Expiring<V>(V value, long expiresAt) {
  }

  private final long ttlMs;
  private final Map<K, Expiring<V>> entries;

  public ExpiringCache(int maxSize, long ttlMs) {
    this.ttlMs = ttlMs;
    this.entries = new LinkedHashMap<>(Math.min(maxSize, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Expiring<V>> eldest) {
        return size() > maxSize;
      }
    };
  }

  /** The live value, or null when absent or expired. */
  public V get(K key) {
    Expiring<V> entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (entry.expiresAt() <= System.currentTimeMillis()) {
      entries.remove(key);
      return null;
    }
    return entry.value();
  }

  public void put(K key, V value) {
    put(key, value, System.currentTimeMillis() + ttlMs);
  }

  /** Stores a value that lives until {@code expiresAtMs} (for example a token's own expiry). */
  public void put(K key, V value, long expiresAtMs) {
    entries.put(key, new Expiring<>(value, expiresAtMs));
  }

  public void remove(K key) {
    entries.remove(key);
  }

  public void clear() {
    entries.clear();
  }
}
