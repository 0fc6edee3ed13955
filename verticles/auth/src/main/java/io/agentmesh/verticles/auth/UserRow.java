package io.agentmesh.verticles.auth;

import io.agentmesh.contract.auth.UserView;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** A user as stored, password hash included; it never leaves this module except as a {@link UserView}. */
record UserRow(String id, String username, String email, String passwordHash, List<String> roles, boolean disabled,
               Instant createdAt, Instant updatedAt) {

  static final String COLUMNS = "id, username, email, password_hash, roles, disabled, created_at, updated_at";

  static UserRow of(Row row) {
    return new UserRow(row.getString("id"), row.getString("username"), row.getString("email"),
      row.getString("password_hash"), Arrays.asList(row.getArrayOfStrings("roles")), row.getBoolean("disabled"),
      row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
  }

  Set<String> roleSet() {
    return Set.copyOf(roles);
  }

  UserView view() {
    return new UserView(id, username, email, roles, disabled, createdAt, updatedAt);
  }
}
