package io.agentmesh.verticles.auth;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.auth.UserPage;
import io.agentmesh.contract.auth.UserView;
import io.agentmesh.storage.KeysetPage;
import io.agentmesh.storage.RowIds;
import io.agentmesh.storage.UniqueViolation;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The {@code users} table. */
final class UserStore {

  private final Pool pool;

  UserStore(Pool pool) {
    this.pool = pool;
  }

  Future<UserRow> insert(String username, String email, String passwordHash, List<String> roles) {
    return pool.preparedQuery("INSERT INTO users (id, username, email, password_hash, roles) VALUES ($1, $2, $3, $4, "
        + "$5) RETURNING " + UserRow.COLUMNS)
      .execute(Tuple.of(RowIds.next("usr"), username, email, passwordHash, roles.toArray(String[]::new)))
      .map(rows -> UserRow.of(rows.iterator().next()))
      .recover(failure -> Future.failedFuture(UniqueViolation.is(failure)
        ? new DomainException(ErrorCode.CONFLICT, "That username or email is already registered.")
        : failure));
  }

  /** By username or email, case-insensitively. */
  Future<Optional<UserRow>> findByLogin(String usernameOrEmail) {
    return pool.preparedQuery("SELECT " + UserRow.COLUMNS + " FROM users WHERE lower(username) = lower($1) "
        + "OR lower(email) = lower($1) LIMIT 1")
      .execute(Tuple.of(usernameOrEmail)).map(rows -> first(rows.iterator()));
  }

  Future<Optional<UserRow>> findById(String id) {
    return findById(pool, id);
  }

  Future<Optional<UserRow>> findById(SqlClient client, String id) {
    return client.preparedQuery("SELECT " + UserRow.COLUMNS + " FROM users WHERE id = $1")
      .execute(Tuple.of(id)).map(rows -> first(rows.iterator()));
  }

  Future<Void> updatePasswordHash(String id, String hash) {
    return pool.preparedQuery("UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1")
      .execute(Tuple.of(id, hash)).mapEmpty();
  }

  Future<Optional<UserRow>> update(String id, List<String> roles, Boolean disabled) {
    return pool.preparedQuery("UPDATE users SET roles = coalesce($2, roles), disabled = coalesce($3, disabled), "
        + "updated_at = now() WHERE id = $1 RETURNING " + UserRow.COLUMNS)
      .execute(Tuple.of(id, roles == null ? null : roles.toArray(String[]::new), disabled))
      .map(rows -> first(rows.iterator()));
  }

  Future<Boolean> delete(String id) {
    return pool.preparedQuery("DELETE FROM users WHERE id = $1").execute(Tuple.of(id))
      .map(rows -> rows.rowCount() > 0);
  }

  Future<Boolean> anyAdmin() {
    return pool.query("SELECT 1 FROM users WHERE 'admin' = ANY(roles) LIMIT 1").execute()
      .map(rows -> rows.size() > 0);
  }

  Future<UserPage> page(ListQuery query) {
    return KeysetPage.fetch(pool, "SELECT " + UserRow.COLUMNS + " FROM users", null, List.of(), query)
      .map(page -> {
        List<UserView> views = new ArrayList<>();
        page.rows().forEach(row -> views.add(UserRow.of(row).view()));
        return new UserPage(views, page.firstId(), page.lastId(), page.hasMore());
      });
  }

  private static Optional<UserRow> first(Iterator<Row> rows) {
    return rows.hasNext() ? Optional.of(UserRow.of(rows.next())) : Optional.empty();
  }
}
