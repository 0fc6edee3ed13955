package io.agentmesh.node;

import io.agentmesh.node.config.NodeConfig;
import io.agentmesh.node.config.RoleSpec;
import io.agentmesh.storage.ConnectionUrls;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Fails the start at once, with one clear line, when PostgreSQL or Redis cannot be reached or a port the node must
 * listen on is taken.
 */
final class StartupChecks {

  private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);

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

  /**
   * Says in one line (a warning; the node still starts) when this node's domain pools, on top of the connections
   * PostgreSQL has open already, would pass its {@code max_connections}: every node of a cluster takes as many, so
   * the budget runs out as nodes join (7 domains x 8 x 4 nodes passes the embedded server's 200).
   */
  static Future<Void> connectionBudget(Pool postgres, NodeConfig config) {
    int pools = config.roles().stream().filter(RoleSpec::isDomain).mapToInt(RoleSpec::instances).sum();
    int needed = pools * config.json().getJsonObject("postgres").getInteger("pool_size");
    return postgres.query("SELECT current_setting('max_connections')::int AS max, (SELECT count(*) FROM "
      + "pg_stat_activity WHERE backend_type = 'client backend')::int AS open").execute().map(rows -> {
        Row row = rows.iterator().next();
        int max = row.getInteger("max");
        int open = row.getInteger("open");
        if (open + needed > max) {
          LOG.warn("PostgreSQL connections: this node's {} domain pools take up to {}, {} of max_connections {} are "
            + "open already; requests may wait for a connection: lower postgres.pool_size or raise max_connections",
            pools, needed, open, max);
        }
        return null;
      });
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
