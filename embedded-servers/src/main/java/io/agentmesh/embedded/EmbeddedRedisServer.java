package io.agentmesh.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Redis server run by this process (dev mode and tests), persisting to an append-only file in its data directory.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisServer.class);

  private final RedisServer redis;
  private final int port;
  private final String password;

  private EmbeddedRedisServer(RedisServer redis, int port, String password) {
    this.redis = redis;
    this.port = port;
    this.password = password;
  }

  /**
   * Starts Redis on {@code port} (0 picks a free one) with its files in {@code dataDirectory}, bound to loopback
   * and requiring the password kept in {@code <dataDirectory>.password}.
   */
  public static EmbeddedRedisServer start(Path dataDirectory, int port) throws IOException {
    Path data = dataDirectory.toAbsolutePath();
    Files.createDirectories(data);
    Path pidFile = data.resolve("redis.pid");
    StaleServerProcess.stop(pidFile, "redis");
    String password = ServerPassword.readOrCreate(data.resolveSibling(data.getFileName() + ".password"));
    int chosen = port > 0 ? port : freePort();
    RedisServer redis = RedisServer.newRedisServer()
      .port(chosen)
      .bind("127.0.0.1")
      .setting("requirepass " + password)
      .setting("dir " + data)
      .setting("pidfile " + pidFile)
      .setting("appendonly yes")
      .setting("appendfsync everysec")
      .setting("daemonize no")
      .onShutdownForceStop(true)
      .build();
    redis.start();
    LOG.info("Embedded Redis started on port {}, data in {}", chosen, data);
    return new EmbeddedRedisServer(redis, chosen, password);
  }

  public int port() {
    return port;
  }

  /** The URL with the password, as vertx-redis-client reads it. */
  public String url() {
    return "redis://:" + password + "@127.0.0.1:" + port;
  }

  @Override
  public void close() throws IOException {
    redis.stop();
    LOG.info("Embedded Redis on port {} stopped", port);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
