package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.Principal;
import io.agentmesh.storage.SecretTokens;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys the auth domain verified, kept per gateway for {@code auth.api_key_cache_seconds} so that a key costs no
 * more than a token: no bus round trip, no SQL. Keyed by a SHA-256 of the whole key (the key itself is never kept).
 * A revoked key, or a key whose user changed since it was verified, is verified again ({@link RevokedCredentials}).
 */
final class ApiKeyCache {

  /** A verified key: whom it acts for, and when the auth domain said so. */
  record Verified(Principal principal, long verifiedAtMs) {
  }

  private static final int MAX_ENTRIES = 100_000;

  private final long ttlMs;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(Verified verified, long expiresAtMs) {
  }

  ApiKeyCache(long ttlSeconds) {
    this.ttlMs = ttlSeconds * 1000;
  }

  Verified get(String key) {
    Entry entry = entries.get(hash(key));
    if (entry == null) {
      return null;
    }
    if (entry.expiresAtMs() < System.currentTimeMillis()) {
      entries.remove(hash(key));
      return null;
    }
    return entry.verified();
  }

  Verified put(String key, Principal principal) {
    long now = System.currentTimeMillis();
    if (entries.size() >= MAX_ENTRIES) {
      entries.values().removeIf(entry -> entry.expiresAtMs() < now);
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear(); // a flood of distinct keys: start over rather than grow
      }
    }
    Verified verified = new Verified(principal, now);
    if (ttlMs > 0) {
      entries.put(hash(key), new Entry(verified, now + ttlMs));
    }
    return verified;
  }

  void forget(String key) {
    entries.remove(hash(key));
  }

  private static String hash(String key) {
    return HexFormat.of().formatHex(SecretTokens.sha256(key));
  }
}
