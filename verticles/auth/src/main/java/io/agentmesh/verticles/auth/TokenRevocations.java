package io.agentmesh.verticles.auth;

import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.CredentialsRevoked;
import io.agentmesh.contract.auth.Revocation;
import io.agentmesh.contract.auth.RevocationPage;
import io.agentmesh.contract.auth.RevocationQuery;
import io.agentmesh.storage.RowValues;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes credentials stop working before they expire. A revocation is recorded in PostgreSQL first (the truth, which a
 * gateway that starts or missed an announcement reads), then announced on {@link AuthAddresses#CREDENTIALS_REVOKED}
 * so every gateway refuses it at once and ends what it holds open. A row lives as long as a credential it names
 * could still be accepted: an access token's lifetime, or a gateway's cache of verified API keys.
 */
final class TokenRevocations {

  /** Longer than any gateway keeps a verified API key (auth.api_key_cache_seconds is capped below it). */
  static final Duration API_KEY_ROW_LIFETIME = Duration.ofMinutes(10);
  private static final int MAX_PAGE = 1000;

  private final Pool pool;
  private final EventBus bus;
  private final Duration tokenRowLifetime;

  TokenRevocations(Pool pool, EventBus bus, AuthOptions options) {
    this.pool = pool;
    this.bus = bus;
    this.tokenRowLifetime = Duration.ofSeconds(options.accessTtlSeconds() + 60);
  }

  Future<Void> login(String loginId) {
    return record(new CredentialsRevoked(null, loginId, null, false), tokenRowLifetime);
  }

  Future<Void> logins(List<String> loginIds) {
    return Future.all(loginIds.stream().map(this::login).toList()).mapEmpty();
  }

  Future<Void> apiKey(String userId, String keyId) {
    return record(new CredentialsRevoked(userId, keyId, null, false), API_KEY_ROW_LIFETIME);
  }

  /**
   * Every token of the user issued up to now stops working (compared in milliseconds with {@code iat_ms}); with
   * {@code apiKeysToo} (the user was disabled, changed or deleted) their API keys as gateways know them as well.
   */
  Future<Void> userTokensUntilNow(String userId, boolean apiKeysToo) {
    Duration lifetime = apiKeysToo && API_KEY_ROW_LIFETIME.compareTo(tokenRowLifetime) > 0
      ? API_KEY_ROW_LIFETIME : tokenRowLifetime;
    return record(new CredentialsRevoked(userId, null, System.currentTimeMillis(), apiKeysToo), lifetime);
  }

  /** The live revocations after a point of the record, for gateways. */
  Future<RevocationPage> list(RevocationQuery query) {
    int limit = Math.max(1, Math.min(MAX_PAGE, query.limit()));
    return pool.preparedQuery("SELECT id, user_id, credential_id, before_ms, api_keys_too, expires_at "
        + "FROM revocations WHERE id > $1 AND expires_at > now() ORDER BY id LIMIT $2")
      .execute(Tuple.of(query.afterId(), limit + 1)).map(rows -> {
        List<Revocation> entries = new ArrayList<>();
        for (Row row : rows) {
          entries.add(new Revocation(row.getLong("id"), row.getString("user_id"), row.getString("credential_id"),
            row.getLong("before_ms"), row.getBoolean("api_keys_too"), RowValues.instant(row, "expires_at")));
        }
        boolean more = entries.size() > limit;
        List<Revocation> page = more ? entries.subList(0, limit) : entries;
        long last = page.isEmpty() ? query.afterId() : page.get(page.size() - 1).id();
        return new RevocationPage(page, last, more);
      });
  }

  /** Rows no credential can need any more. */
  Future<Void> purgeExpired() {
    return pool.query("DELETE FROM revocations WHERE expires_at < now()").execute().mapEmpty();
  }

  private Future<Void> record(CredentialsRevoked revoked, Duration lifetime) {
    return pool.preparedQuery("INSERT INTO revocations (user_id, credential_id, before_ms, api_keys_too, expires_at) "
        + "VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))")
      .execute(Tuple.of(revoked.userId(), revoked.credentialId(), revoked.beforeMs(), revoked.apiKeysToo(),
        (double) lifetime.toSeconds()))
      .onSuccess(ok -> bus.publish(AuthAddresses.CREDENTIALS_REVOKED, revoked))
      .mapEmpty();
  }
}
