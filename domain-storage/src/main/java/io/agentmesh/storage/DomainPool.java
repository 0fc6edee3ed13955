package io.agentmesh.storage;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.Map;

/** A connection pool whose sessions see only the domain's schema first ({@code search_path}). */
public final class DomainPool {

  private DomainPool() {
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
