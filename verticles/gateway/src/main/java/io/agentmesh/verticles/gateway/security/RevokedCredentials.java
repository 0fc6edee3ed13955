package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.CredentialsRevoked;
import io.agentmesh.contract.auth.Revocation;
import io.agentmesh.contract.auth.RevocationPage;
import io.agentmesh.contract.auth.RevocationQuery;
import io.agentmesh.verticles.gateway.GatewayOptions;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revocations a gateway holds in memory, so that checking a credential costs no round trip. The auth domain
 * records each revocation in PostgreSQL and announces it; this set applies the announcement at once, and catches up
 * with the record every {@code auth.revocation_sync_ms} (a missed announcement: a partition, a restart, a late
 * join). A gateway loads the record before it serves credentials: a request with one waits for the first load
 * (bounded by the bus send timeout), and is answered 503 if it cannot be loaded.
 * Entries leave when no credential they name could still be accepted.
 */
public final class RevokedCredentials {

  private static final Logger LOG = LoggerFactory.getLogger(RevokedCredentials.class);
  private static final int PAGE = 1000;
  /** As long as the auth domain keeps an API-key revocation on record. */
  private static final Duration KEY_LIFETIME = Duration.ofMinutes(10);

  private final BusClient bus;
  private final Duration tokenLifetime;
  private final Map<String, Long> credentials = new ConcurrentHashMap<>();
  private final Map<String, UserCutoff> users = new ConcurrentHashMap<>();
  private volatile boolean loaded;
  private long cursor;
  private Future<Void> inFlight;
  private Vertx vertx;
  private boolean warned;

  /** Every credential of a user accepted up to {@code beforeMs} is revoked: tokens, and API keys with the flag. */
  private record UserCutoff(long beforeMs, boolean apiKeysToo, long expiresAtMs) {
  }

  public RevokedCredentials(BusClient bus, GatewayOptions options) {
    this.bus = bus;
    this.tokenLifetime = Duration.ofSeconds(options.accessTtlSeconds() + 60);
  }

  /** Listens for announcements and keeps catching up; the first read starts at once. */
  public void start(Vertx vertx, long syncEveryMs) {
    this.vertx = vertx;
    vertx.eventBus().<CredentialsRevoked>consumer(AuthAddresses.CREDENTIALS_REVOKED,
      announced -> apply(announced.body()));
    vertx.setPeriodic(syncEveryMs, timer -> {
      sync();
      forgetExpired();
    });
    sync();
  }

  /** Whether the record has been read at least once (the common case, answered without a future). */
  boolean isLoaded() {
    return loaded;
  }

  /** Completes once the record has been read at least once; fails when it cannot be read now. */
  Future<Void> loaded() {
    return loaded ? Future.succeededFuture() : sync().compose(read -> loaded ? Future.succeededFuture()
      : Future.failedFuture("revocations not loaded"));
  }

  /** Whether the caller's credential was revoked: its login or key by id, or every token of its user. */
  boolean revoked(Caller caller) {
    Principal principal = caller.principal();
    if (principal.credentialId() != null && credentials.containsKey(principal.credentialId())) {
      return true;
    }
    if (principal.viaApiKey() || caller.issuedAtMs() == null || principal.userId() == null) {
      return false;
    }
    UserCutoff cutoff = users.get(principal.userId());
    return cutoff != null && caller.issuedAtMs() <= cutoff.beforeMs();
  }

  /**
   * Whether an API key verified at {@code verifiedAtMs} must be verified again: its user changed since (roles,
   * disabled, deleted), so the auth domain decides anew what the key may do, or whether it works at all.
   */
  boolean keyVerificationStale(Principal principal, long verifiedAtMs) {
    if (credentials.containsKey(principal.credentialId())) {
      return true;
    }
    UserCutoff cutoff = users.get(principal.userId());
    return cutoff != null && cutoff.apiKeysToo() && verifiedAtMs <= cutoff.beforeMs();
  }

  private void apply(CredentialsRevoked revoked) {
    boolean key = revoked.credentialId() != null
      && revoked.credentialId().startsWith(Principal.API_KEY_ID_PREFIX + "_");
    long expiresAt = System.currentTimeMillis()
      + (key || revoked.apiKeysToo() ? Math.max(KEY_LIFETIME.toMillis(), tokenLifetime.toMillis())
      : tokenLifetime.toMillis());
    add(revoked.userId(), revoked.credentialId(), revoked.beforeMs(), revoked.apiKeysToo(), expiresAt);
  }

  /** Whether this told the set something it did not know. */
  private boolean add(String userId, String credentialId, Long beforeMs, boolean apiKeysToo, long expiresAtMs) {
    if (credentialId != null) {
      boolean known = credentials.containsKey(credentialId);
      credentials.merge(credentialId, expiresAtMs, Math::max);
      return !known;
    }
    if (userId == null || beforeMs == null) {
      return false;
    }
    UserCutoff before = users.get(userId);
    UserCutoff after = users.merge(userId, new UserCutoff(beforeMs, apiKeysToo, expiresAtMs), (old, now) ->
      new UserCutoff(Math.max(old.beforeMs(), now.beforeMs()), old.apiKeysToo() || now.apiKeysToo(),
        Math.max(old.expiresAtMs(), now.expiresAtMs())));
    return before == null || before.beforeMs() != after.beforeMs() || before.apiKeysToo() != after.apiKeysToo();
  }

  /** Reads the record from where the last read ended; one read at a time, which later callers join. */
  private synchronized Future<Void> sync() {
    if (inFlight != null) {
      return inFlight;
    }
    Future<Void> read = readFrom(cursor);
    inFlight = read;
    read.onComplete(done -> {
      synchronized (this) {
        inFlight = null;
      }
      if (done.failed() && !loaded && !warned) {
        warned = true; // once: a gateway-only node keeps trying until an auth domain answers
        LOG.warn("Revocations not loaded yet ({}); requests with a credential wait for them",
          done.cause().getMessage());
      }
    });
    return read;
  }

  private Future<Void> readFrom(long after) {
    return bus.<RevocationPage>request(AuthAddresses.REVOCATIONS_LIST, new RevocationQuery(after, PAGE),
      Principal.ANONYMOUS, "revocation-sync").compose(page -> {
        for (Revocation entry : page.entries()) {
          boolean missed = add(entry.userId(), entry.credentialId(), entry.beforeMs(), entry.apiKeysToo(),
            entry.expiresAt().toEpochMilli());
          if (missed && loaded) {
            announceLocally(entry);
          }
        }
        synchronized (this) {
          cursor = Math.max(cursor, page.lastId());
        }
        if (page.hasMore()) {
          return readFrom(page.lastId());
        }
        loaded = true;
        return Future.succeededFuture();
      });
  }

  /**
   * A revocation this gateway learned from the record, not from its announcement (a partition, a lost message):
   * announced again on this node only, so that what its credential holds open here ends too ({@link CredentialWatch})
   * and the node's other gateway instances learn it at once.
   */
  private void announceLocally(Revocation entry) {
    vertx.eventBus().publish(AuthAddresses.CREDENTIALS_REVOKED, new CredentialsRevoked(entry.userId(),
      entry.credentialId(), entry.beforeMs(), entry.apiKeysToo()), new DeliveryOptions().setLocalOnly(true));
  }

  private void forgetExpired() {
    long now = System.currentTimeMillis();
    credentials.values().removeIf(expiresAt -> expiresAt < now);
    users.values().removeIf(cutoff -> cutoff.expiresAtMs() < now);
  }
}
