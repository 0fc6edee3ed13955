package io.agentmesh.node;

import io.agentmesh.embedded.EmbeddedPostgresServer;
import io.agentmesh.embedded.EmbeddedRedisServer;
import io.agentmesh.node.config.NodeConfig;
import io.agentmesh.storage.PostgresUrl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL and Redis this node uses: the configured URLs, or (dev mode, no URL) servers it starts itself with
 * their data under {@code node.data_dir}.
 */
final class StorageEndpoints implements AutoCloseable {

  private final PostgresUrl postgres;
  private final String redis;
  private final List<AutoCloseable> embedded;

  private StorageEndpoints(PostgresUrl postgres, String redis, List<AutoCloseable> embedded) {
    this.postgres = postgres;
    this.redis = redis;
    this.embedded = embedded;
  }

  /**
   * Blocking: starting an embedded PostgreSQL takes seconds. Call it off the event loop. Fails with one line when
   * another node holds the data directory or a port this node must listen on is taken.
   */
  static StorageEndpoints open(NodeConfig config) throws IOException {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      if (config.postgresUrl().isEmpty() || config.redisUrl().isEmpty()) {
        started.add(DataDirectoryLock.acquire(config.dataDirectory()));
      }
      StartupChecks.portsFree(config); // after the lock: a second node on this directory hears about the directory
      String postgres = config.postgresUrl().orElse(null);
      if (postgres == null) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(config.dataDirectory().resolve("postgres"),
          config.postgresEmbeddedPort());
        started.add(server);
        postgres = server.url();
      }
      String redis = config.redisUrl().orElse(null);
      if (redis == null) {
        EmbeddedRedisServer server = EmbeddedRedisServer.start(config.dataDirectory().resolve("redis"),
          config.redisEmbeddedPort());
        started.add(server);
        redis = server.url();
      }
      return new StorageEndpoints(new PostgresUrl(postgres), redis, started);
    } catch (IOException | RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  PostgresUrl postgres() {
    return postgres;
  }

  String redis() {
    return redis;
  }

  @Override
  public void close() {
    closeAll(embedded);
  }

  private static void closeAll(List<AutoCloseable> servers) {
    for (int i = servers.size() - 1; i >= 0; i--) {
      try {
        servers.get(i).close();
      } catch (Exception ignored) {
        // stopping is best effort: the data is on disk and a later start stops any orphan
      }
    }
  }
}
