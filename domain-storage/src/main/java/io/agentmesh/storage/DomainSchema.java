package io.agentmesh.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A domain's own PostgreSQL schema, named after the domain and migrated by Flyway from {@code classpath:db/<domain>}
 * when the domain deploys. Runs on a worker thread. A PostgreSQL advisory lock per domain serialises nodes that start
 * at once, so exactly one of them creates the schema and applies each migration.
 */
public final class DomainSchema {

  private static final Logger LOG = LoggerFactory.getLogger(DomainSchema.class);

  private DomainSchema() {
  }

  public static Future<Integer> migrate(Vertx vertx, PostgresUrl url, String domain) {
    return vertx.executeBlocking(() -> migrateBlocking(url, domain), false);
  }

  private static int migrateBlocking(PostgresUrl url, String domain) throws SQLException {
    try (Connection lockHolder = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
      advisoryLock(lockHolder, "pg_advisory_lock", domain);
      try {
        MigrateResult result = Flyway.configure()
          .dataSource(url.jdbcUrl(), url.user(), url.password())
          .schemas(domain)
          .createSchemas(true)
          .locations("classpath:db/" + domain)
          .load()
          .migrate();
        if (result.migrationsExecuted == 0) {
          LOG.info("Schema {} up to date at version {}", domain, result.initialSchemaVersion);
        } else {
          LOG.info("Schema {} migrated from version {} to {} ({} migrations)", domain,
            result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion, result.targetSchemaVersion,
            result.migrationsExecuted);
        }
        return result.migrationsExecuted;
      } finally {
        advisoryLock(lockHolder, "pg_advisory_unlock", domain);
      }
    }
  }

  private static void advisoryLock(Connection connection, String function, String domain) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(hashtext(?))")) {
      statement.setString(1, "agentmesh.migrate." + domain);
      statement.execute();
    }
  }
}
