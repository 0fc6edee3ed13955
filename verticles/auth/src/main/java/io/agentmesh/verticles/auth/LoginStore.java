package io.agentmesh.verticles.auth;

import io.agentmesh.contract.auth.LoginView;
import io.agentmesh.storage.RowIds;
import io.agentmesh.storage.RowValues;
import io.agentmesh.storage.SecretTokens;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Logins and their refresh tokens. A login is one family: each refresh uses its token once and adds the next
 * generation. Refreshes of one login are serialised by a row lock on the login, so of N concurrent refreshes with
 * the same token exactly one rotates it and the others see a used token.
 */
final class LoginStore {

  /** The identity of a login, for revocation and audit. */
  record LoginRef(String loginId, String userId) {
  }

  private final Pool pool;
  private final AuthOptions options;

  LoginStore(Pool pool, AuthOptions options) {
    this.pool = pool;
    this.options = options;
  }

  Future<String> create(String userId, String device, String address, String refreshToken) {
    String loginId = RowIds.next("lgn");
    return pool.withTransaction(conn -> conn
      .preparedQuery("INSERT INTO logins (id, user_id, device, address, expires_at) VALUES ($1, $2, $3, $4, "
        + "now() + make_interval(secs => $5))")
      .execute(Tuple.of(loginId, userId, truncate(device, 200), address, (double) options.refreshAbsoluteTtlSeconds()))
      .compose(ok -> insertToken(conn, loginId, 1, refreshToken))
      .map(loginId));
  }

  Future<RefreshResult> refresh(String presented, String replacement) {
    byte[] hash = SecretTokens.sha256(presented);
    return pool.withTransaction(conn -> conn
      .preparedQuery("SELECT login_id FROM refresh_tokens WHERE token_hash = $1").execute(Tuple.of(hash))
      .compose(rows -> rows.size() == 0 ? Future.succeededFuture(RefreshResult.invalid())
        : refreshLocked(conn, rows.iterator().next().getString("login_id"), hash, replacement)));
  }

  /**
   * Locks the login first, then reads the token's state in a second statement: under READ COMMITTED a statement
   * that waited for a row lock re-reads only the locked row, so reading the token in the same statement would see
   * it as it was before the winner of a race used it.
   */
  private Future<RefreshResult> refreshLocked(SqlConnection conn, String loginId, byte[] hash, String replacement) {
    return conn.preparedQuery("SELECT id FROM logins WHERE id = $1 FOR UPDATE").execute(Tuple.of(loginId))
      .compose(locked -> conn.preparedQuery("SELECT l.user_id, l.revoked_at IS NULL AND l.expires_at > now() "
          + "AND NOT u.disabled AS usable, t.generation, t.used_at, t.grace_used, t.idle_expires_at > now() AS fresh, "
          + "t.used_at > now() - make_interval(secs => $3) AS within_grace, "
          + "(SELECT max(generation) FROM refresh_tokens WHERE login_id = l.id) AS newest "
          + "FROM logins l JOIN users u ON u.id = l.user_id JOIN refresh_tokens t ON t.login_id = l.id "
          + "WHERE l.id = $1 AND t.token_hash = $2")
        .execute(Tuple.of(loginId, hash, (double) options.refreshGraceSeconds())))
      .compose(rows -> rows.size() == 0 ? Future.succeededFuture(RefreshResult.invalid())
        : decide(conn, rows.iterator().next(), loginId, hash, replacement));
  }

  private Future<RefreshResult> decide(SqlConnection conn, Row row, String loginId, byte[] hash, String replacement) {
    String userId = row.getString("user_id");
    if (!row.getBoolean("usable") || !row.getBoolean("fresh")) {
      return Future.succeededFuture(RefreshResult.invalid());
    }
    int newest = row.getInteger("newest");
    if (row.getValue("used_at") == null) {
      return conn.preparedQuery("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1")
        .execute(Tuple.of(hash)).compose(ok -> rotate(conn, loginId, userId, newest, replacement));
    }
    boolean graced = options.refreshGraceSeconds() > 0 && !row.getBoolean("grace_used")
      && row.getInteger("generation") == newest - 1 && Boolean.TRUE.equals(row.getBoolean("within_grace"));
    if (graced) {
      return conn.preparedQuery("UPDATE refresh_tokens SET grace_used = true WHERE token_hash = $1")
        .execute(Tuple.of(hash)).compose(ok -> rotate(conn, loginId, userId, newest, replacement));
    }
    return revoke(conn, loginId, "refresh_token_reuse")
      .map(new RefreshResult(RefreshResult.Kind.REUSED, loginId, userId, null));
  }

  private Future<RefreshResult> rotate(SqlConnection conn, String loginId, String userId, int newest,
                                       String replacement) {
    return insertToken(conn, loginId, newest + 1, replacement)
      .compose(ok -> conn.preparedQuery("UPDATE logins SET last_refreshed_at = now() WHERE id = $1")
        .execute(Tuple.of(loginId)))
      .map(new RefreshResult(RefreshResult.Kind.ROTATED, loginId, userId, replacement));
  }

  private Future<RowSet<Row>> insertToken(SqlConnection conn, String loginId, int generation, String token) {
    return conn.preparedQuery("INSERT INTO refresh_tokens (token_hash, login_id, generation, idle_expires_at) "
        + "SELECT $1, $2, $3, least(now() + make_interval(secs => $4), expires_at) FROM logins WHERE id = $2")
      .execute(Tuple.of(SecretTokens.sha256(token), loginId, generation, (double) options.refreshIdleTtlSeconds()));
  }

  /** Ends the login a refresh token belongs to (logout); empty when the token is unknown. */
  Future<Optional<LoginRef>> revokeByToken(String presented, String reason) {
    return pool.withTransaction(conn -> conn
      .preparedQuery("SELECT l.id, l.user_id FROM refresh_tokens t JOIN logins l ON l.id = t.login_id "
        + "WHERE t.token_hash = $1").execute(Tuple.of(SecretTokens.sha256(presented)))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.succeededFuture(Optional.<LoginRef>empty());
        }
        Row row = rows.iterator().next();
        LoginRef ref = new LoginRef(row.getString("id"), row.getString("user_id"));
        return revoke(conn, ref.loginId(), reason).map(Optional.of(ref));
      }));
  }

  /** Ends one login of a user; false when the user has no such live login. */
  Future<Boolean> revokeOwned(String userId, String loginId, String reason) {
    return pool.preparedQuery("UPDATE logins SET revoked_at = now(), revoke_reason = $3 WHERE id = $1 "
        + "AND user_id = $2 AND revoked_at IS NULL").execute(Tuple.of(loginId, userId, reason))
      .map(rows -> rows.rowCount() > 0);
  }

  /** Ends every live login of a user but {@code keepLoginId} (may be null); answers the ids ended. */
  Future<List<String>> revokeAll(String userId, String keepLoginId, String reason) {
    return pool.preparedQuery("UPDATE logins SET revoked_at = now(), revoke_reason = $3 WHERE user_id = $1 "
        + "AND revoked_at IS NULL AND id IS DISTINCT FROM $2 RETURNING id")
      .execute(Tuple.of(userId, keepLoginId, reason))
      .map(rows -> {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getString("id")));
        return ids;
      });
  }

  Future<List<LoginView>> live(String userId) {
    return pool.preparedQuery("SELECT id, device, address, created_at, last_refreshed_at FROM logins "
        + "WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY id DESC")
      .execute(Tuple.of(userId))
      .map(rows -> {
        List<LoginView> logins = new ArrayList<>();
        rows.forEach(row -> logins.add(new LoginView(row.getString("id"), row.getString("device"),
          row.getString("address"), row.getOffsetDateTime("created_at").toInstant(),
          RowValues.instant(row, "last_refreshed_at"))));
        return logins;
      });
  }

  private static Future<Void> revoke(SqlConnection conn, String loginId, String reason) {
    return conn.preparedQuery("UPDATE logins SET revoked_at = coalesce(revoked_at, now()), "
        + "revoke_reason = coalesce(revoke_reason, $2) WHERE id = $1").execute(Tuple.of(loginId, reason)).mapEmpty();
  }


  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
