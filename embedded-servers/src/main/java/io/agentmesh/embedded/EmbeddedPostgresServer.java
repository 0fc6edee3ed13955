package io.agentmesh.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server run by this process (dev mode and tests), its data kept in a directory that survives restarts.
 * A server left running by a process that was killed is stopped first, so a node comes back after {@code kill -9}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on {@code port} (0 picks a free one) with its data in {@code dataDirectory}, creating it
   * (initdb) only when it holds no cluster yet.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port) throws IOException {
    Path data = dataDirectory.toAbsolutePath();
    Files.createDirectories(data);
    StaleServerProcess.stop(data.resolve("postmaster.pid"), "postgres");
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
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
    LOG.info("Embedded PostgreSQL started on port {}, data in {}", server.port(), data);
    return server;
  }

  public int port() {
    return postgres.getPort();
  }

  /** A {@code postgresql://} URL that vertx-pg-client and {@code JdbcUrls} both accept. */
  public String url() {
    return "postgresql://postgres@localhost:" + port() + "/postgres";
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    LOG.info("Embedded PostgreSQL on port {} stopped", port());
  }
}
