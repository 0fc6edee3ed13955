package io.agentmesh.storage;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Redis clients sized for bursts: the client's defaults (6 connections, 24 waiting requests) refuse requests under
 * a login flood or a busy gateway, so every component builds its client here.
 */
public final class RedisClients {

  public static final int POOL_SIZE = 16;
  public static final int MAX_WAITING = 4096;

  private RedisClients() {
  }

  public static Redis create(Vertx vertx, String url) {
    return Redis.createClient(vertx, new RedisOptions()
      .setConnectionString(url)
      .setMaxPoolSize(POOL_SIZE)
      .setMaxPoolWaiting(MAX_WAITING)
      .setMaxWaitingHandlers(MAX_WAITING));
  }
}
