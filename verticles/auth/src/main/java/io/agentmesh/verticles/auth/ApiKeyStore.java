package io.agentmesh.verticles.auth;

import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.ApiKeyView;
import io.agentmesh.storage.RowIds;
import io.agentmesh.storage.RowValues;
import io.agentmesh.storage.SecretTokens;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys: {@code amk_<prefix>_<secret>}, stored as the SHA-256 of the whole key; the prefix identifies a key in
 * lists and finds it on use. Last-used times are kept in memory and written in one batch every few seconds, so
 * using a key costs no write.
 */
final class ApiKeyStore {

  static final String KEY_MARK = "amk_";

  /** A key that matched, with its owner's current standing. */
  record VerifiedKey(String keyId, String userId, Set<String> keyScopes, Set<String> ownerRoles) {
  }

  private static final String COLUMNS = "id, prefix, name, scopes, created_at, last_used_at, expires_at";

  private final Pool pool;
  private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();

  ApiKeyStore(Pool pool) {
    this.pool = pool;
  }

  record Created(ApiKeyView view, String key) {
  }

  Future<Created> create(String userId, String name, List<String> scopes, Instant expiresAt) {
    String prefix = KEY_MARK + SecretTokens.generate("").substring(0, 8).replace('-', 'x').replace('_', 'y');
    String key = prefix + "_" + SecretTokens.generate("");
    return pool.preparedQuery("INSERT INTO api_keys (id, user_id, name, prefix, key_hash, scopes, expires_at) "
        + "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + COLUMNS)
      .execute(Tuple.of(RowIds.next(Principal.API_KEY_ID_PREFIX), userId, name, prefix, SecretTokens.sha256(key),
        scopes.toArray(String[]::new), expiresAt == null ? null : OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)))
      .map(rows -> new Created(view(rows.iterator().next()), key));
  }

  Future<List<ApiKeyView>> live(String userId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL "
        + "ORDER BY id DESC").execute(Tuple.of(userId))
      .map(rows -> {
        List<ApiKeyView> keys = new ArrayList<>();
        rows.forEach(row -> keys.add(view(row)));
        return keys;
      });
  }

  Future<Boolean> revoke(String userId, String keyId) {
    return pool.preparedQuery("UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND user_id = $2 "
        + "AND revoked_at IS NULL").execute(Tuple.of(keyId, userId)).map(rows -> rows.rowCount() > 0);
  }

  /** The key's owner and scopes, if the key is genuine, live, unexpired and its owner enabled. */
  Future<Optional<VerifiedKey>> verify(String key) {
    int cut = key.indexOf('_', KEY_MARK.length());
    if (!key.startsWith(KEY_MARK) || cut < 0) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery("SELECT k.id, k.user_id, k.key_hash, k.scopes, u.roles FROM api_keys k "
        + "JOIN users u ON u.id = k.user_id WHERE k.prefix = $1 AND k.revoked_at IS NULL "
        + "AND (k.expires_at IS NULL OR k.expires_at > now()) AND NOT u.disabled")
      .execute(Tuple.of(key.substring(0, cut)))
      .map(rows -> {
        if (rows.size() == 0) {
          return Optional.<VerifiedKey>empty();
        }
        Row row = rows.iterator().next();
        byte[] stored = row.getBuffer("key_hash").getBytes();
        if (!MessageDigest.isEqual(stored, SecretTokens.sha256(key))) {
          return Optional.<VerifiedKey>empty();
        }
        lastUsed.put(row.getString("id"), Instant.now());
        return Optional.of(new VerifiedKey(row.getString("id"), row.getString("user_id"),
          Set.copyOf(Arrays.asList(row.getArrayOfStrings("scopes"))),
          Set.copyOf(Arrays.asList(row.getArrayOfStrings("roles")))));
      });
  }

  /** Writes the last-used times gathered since the previous flush, in one statement. */
  Future<Void> flushLastUsed() {
    if (lastUsed.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (String id : List.copyOf(lastUsed.keySet())) {
      Instant at = lastUsed.remove(id);
      if (at != null) {
        batch.add(Tuple.of(id, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)));
      }
    }
    return pool.preparedQuery("UPDATE api_keys SET last_used_at = greatest(last_used_at, $2) WHERE id = $1")
      .executeBatch(batch).mapEmpty();
  }

  private static ApiKeyView view(Row row) {
    return new ApiKeyView(row.getString("id"), row.getString("prefix"), row.getString("name"),
      Arrays.asList(row.getArrayOfStrings("scopes")), row.getOffsetDateTime("created_at").toInstant(),
      RowValues.instant(row, "last_used_at"), RowValues.instant(row, "expires_at"));
  }

}
