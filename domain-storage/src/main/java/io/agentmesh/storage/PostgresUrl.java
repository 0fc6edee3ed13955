package io.agentmesh.storage;

import io.vertx.pgclient.PgConnectOptions;

/**
 * The one PostgreSQL URL a node is configured with ({@code postgresql://user:secret@host:port/db}), read both by
 * vertx-pg-client and, for Flyway, as JDBC.
 */
public record PostgresUrl(String url) {

  public PgConnectOptions connectOptions() {
    return PgConnectOptions.fromUri(url);
  }

  public String jdbcUrl() {
    PgConnectOptions options = connectOptions();
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  public String user() {
    return connectOptions().getUser();
  }

  public String password() {
    return connectOptions().getPassword();
  }

  /** The URL with its password masked, for logs and error messages. */
  public String redacted() {
    return ConnectionUrls.redact(url);
  }

  @Override
  public String toString() {
    return redacted();
  }
}
