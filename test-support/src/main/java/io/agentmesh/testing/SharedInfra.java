package io.agentmesh.testing;

import io.agentmesh.embedded.EmbeddedPostgresServer;
import io.agentmesh.embedded.EmbeddedRedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded PostgreSQL and one embedded Redis per test JVM, started on first use and stopped when the JVM exits.
 * Tests reset the state they touch; they never restart these servers. Forked node processes get their URLs, so the
 * servers live in the test JVM, which is never killed.
 */
public final class SharedInfra {

  private static EmbeddedPostgresServer postgres;
  private static EmbeddedRedisServer redis;

  private SharedInfra() {
  }

  public static synchronized String postgresUrl() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgresServer.start(tempDir("pg"), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
    }
    return postgres.url();
  }

  public static synchronized String redisUrl() {
    if (redis == null) {
      try {
        redis = EmbeddedRedisServer.start(tempDir("redis"), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(redis)));
    }
    return redis.url();
  }

  public static Path tempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory("agentmesh-test-" + prefix);
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(AutoCloseable server) {
    try {
      server.close();
    } catch (Exception ignored) {
      // the JVM is exiting
    }
  }
}
