package io.agentmesh.node;

import io.agentmesh.node.config.NodeConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import io.agentmesh.storage.ConnectionUrls;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;

/**
 * Fails the start at once, with one clear line, when PostgreSQL or Redis cannot be reached or a port the node must
 * listen on is taken.
 */
final class StartupChecks {

  private StartupChecks() {
  }

  /**
   * The ports this node will listen on are free: the HTTP port (with the gateway role) and the embedded servers'
   * ports (when it starts them). Otherwise one line naming the port and the key that sets it, before anything starts
   * (an embedded PostgreSQL on a taken port would otherwise be waited for a minute).
   */
  static void portsFree(NodeConfig config) {
    if (config.runs("gateway")) {
      free(config.json().getJsonObject("http").getString("host"), config.httpPort(), "http.port");
    }
    if (config.postgresUrl().isEmpty()) {
      free("127.0.0.1", config.postgresEmbeddedPort(), "postgres.embedded_port");
    }
    if (config.redisUrl().isEmpty()) {
      free("127.0.0.1", config.redisEmbeddedPort(), "redis.embedded_port");
    }
  }

  private static void free(String host, int port, String key) {
    if (port == 0) {
      return; // a free one is picked
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new StartupException("port " + port + " on " + host + " is already in use (set by " + key
        + "; choose another, or stop what listens there)");
    }
  }

  static Future<Void> reachable(Pool postgres, Redis redis, StorageEndpoints storage) {
    Future<Void> pg = postgres.query("SELECT 1").execute().<Void>mapEmpty()
      .recover(failure -> Future.failedFuture(new StartupException("postgres.url: cannot connect to "
        + storage.postgres().redacted() + ": " + failure.getMessage())));
    Future<Void> rd = redis.send(Request.cmd(Command.PING)).<Void>mapEmpty()
      .recover(failure -> Future.failedFuture(new StartupException("redis.url: cannot connect to "
        + ConnectionUrls.redact(storage.redis()) + ": " + failure.getMessage())));
    return pg.compose(ok -> rd);
  }
}
