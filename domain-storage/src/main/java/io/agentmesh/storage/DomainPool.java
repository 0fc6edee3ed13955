package io.agentmesh.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.Map;

/** A connection pool whose sessions see only the domain's schema first ({@code search_path}). */
public final class DomainPool {

  private DomainPool() {
  }

  /**
   * A domain's storage as every domain verticle starts it: its schema migrated ({@link DomainSchema}), then its pool,
   * {@code postgres.pool_size} connections like every other domain's. {@code config} is the verticle's (the node's
   * configuration, with {@code postgres.url} set to the server this node uses).
   */
  public static Future<Pool> open(Vertx vertx, JsonObject config, String domain) {
    JsonObject postgres = config.getJsonObject("postgres");
    PostgresUrl url = new PostgresUrl(postgres.getString("url"));
    int size = postgres.getInteger("pool_size");
    return DomainSchema.migrate(vertx, url, domain).map(migrated -> create(vertx, url, domain, size));
  }

  public static Pool create(Vertx vertx, PostgresUrl url, String domain, int maxSize) {
    PgConnectOptions connect = url.connectOptions()
      .setProperties(Map.of("search_path", domain, "application_name", "agentmesh-" + domain))
      .setCachePreparedStatements(true);
    return PgBuilder.pool()
      .with(new PoolOptions().setMaxSize(maxSize).setName("pg-" + domain))
      .connectingTo(connect)
      .using(vertx)
      .build();
  }
}
