package io.agentmesh.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A PostgreSQL server run by this process (dev mode and tests), its data kept in a directory that survives restarts.
 * A server left running by a process that was killed is stopped first, so a node comes back after {@code kill -9}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final String password;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
    this.postgres = postgres;
    this.password = password;
  }

  /**
   * Starts PostgreSQL on {@code port} (0 picks a free one) with its data in {@code dataDirectory}, creating it
   * (initdb) only when it holds no cluster yet. Every connection, local ones included, needs the superuser's
   * password (scram-sha-256), which is kept in {@code <dataDirectory>.password}; a cluster created before passwords
   * (trusting local connections) is given one on its first start here.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port) throws IOException {
    Path data = dataDirectory.toAbsolutePath();
    Files.createDirectories(data);
    StaleServerProcess.stop(data.resolve("postmaster.pid"), "postgres");
    Path passwordFile = data.resolveSibling(data.getFileName() + ".password");
    String password = ServerPassword.readOrCreate(passwordFile);
    boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
      .setDataDirectory(data)
      .setCleanDataDirectory(false)
      .setRegisterShutdownHook(false)
      .setPGStartupWait(Duration.ofSeconds(60))
      .setServerConfig("max_connections", "200")
      // The library starts the server with fsync and synchronous commit off (fine for throwaway test databases);
      // this one is the system of record, so a commit it acknowledged must be on disk: a crash of the server must
      // not lose the last accepted tasks, nor a crash of the machine corrupt the data directory.
      .setServerConfig("fsync", "on")
      .setServerConfig("synchronous_commit", "on");
    if (port > 0) {
      builder.setPort(port);
    }
    if (fresh) {
      // initdb's arguments: these come after the library's "-A trust" and override it
      builder.setLocaleConfig("auth-local", "scram-sha-256").setLocaleConfig("auth-host", "scram-sha-256")
        .setLocaleConfig("pwfile", passwordFile.toString());
    }
    builder.setConnectConfig("password", password);
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start(), password);
    if (!fresh && trustsConnections(data)) {
      server.requirePassword(data);
    }
    LOG.info("Embedded PostgreSQL started on port {}, data in {}", server.port(), data);
    return server;
  }

  public int port() {
    return postgres.getPort();
  }

  /** A {@code postgresql://} URL, with the password, that vertx-pg-client and {@code JdbcUrls} both accept. */
  public String url() {
    return "postgresql://postgres:" + password + "@localhost:" + port() + "/postgres";
  }

  private static boolean trustsConnections(Path data) throws IOException {
    return Files.readAllLines(data.resolve("pg_hba.conf")).stream()
      .anyMatch(line -> !line.startsWith("#") && line.matches(".*\\btrust\\s*$"));
  }

  /** A cluster made when connections were trusted: the superuser gets the password, then trust ends. */
  private void requirePassword(Path data) throws IOException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("ALTER USER postgres PASSWORD '" + password + "'");
      List<String> hba = Files.readAllLines(data.resolve("pg_hba.conf")).stream()
        .map(line -> line.startsWith("#") ? line : line.replaceAll("\\btrust(\\s*)$", "scram-sha-256$1")).toList();
      Files.write(data.resolve("pg_hba.conf"), hba);
      statement.execute("SELECT pg_reload_conf()");
      LOG.info("Embedded PostgreSQL in {} now requires the password kept beside its data", data);
    } catch (SQLException e) {
      throw new IOException("cannot give the embedded PostgreSQL a password: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    LOG.info("Embedded PostgreSQL on port {} stopped", port());
  }
}
