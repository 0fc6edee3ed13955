package io.agentmesh.node;

import io.agentmesh.storage.ConnectionUrls;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;

/** Fails the start at once, with one clear line, when PostgreSQL or Redis cannot be reached. */
final class StartupChecks {

  private StartupChecks() {
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
