package io.agentmesh.storage;

import io.agentmesh.testing.Await;
import io.agentmesh.testing.SharedInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A domain's schema")
class DomainSchemaTest {

  private static Vertx vertx;
  private static PostgresUrl url;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    url = new PostgresUrl(SharedInfra.postgresUrl());
    try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS racer CASCADE");
    }
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  @DisplayName("is created and migrated exactly once when several nodes deploy the domain at the same moment")
  void concurrentMigrationsApplyOnce() throws Exception {
    List<Future<Integer>> racers = IntStream.range(0, 4)
      .mapToObj(i -> DomainSchema.migrate(vertx, url, "racer")).toList();
    List<Integer> applied = Await.result(Future.all(racers)).list();
    assertThat(applied.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);

    Pool pool = DomainPool.create(vertx, url, "racer", 2);
    try {
      long history = Await.result(pool.query(
        "SELECT count(*) FROM racer.flyway_schema_history WHERE success AND version IS NOT NULL").execute())
        .iterator().next().getLong(0);
      assertThat(history).isEqualTo(2);
      Await.result(pool.preparedQuery("INSERT INTO laps (runner, millis) VALUES ($1, $2)").execute(Tuple.of("ann",
        61_000)));
      long laps = Await.result(pool.query("SELECT count(*) FROM racer.laps").execute()).iterator().next().getLong(0);
      assertThat(laps).as("unqualified names resolve to the domain's schema").isEqualTo(1);
    } finally {
      Await.result(pool.close());
    }
  }

  @Test
  @DisplayName("masks the password of its URL in logs")
  void redactsPassword() {
    assertThat(new PostgresUrl("postgresql://app:s3cret@db:5432/agents").redacted())
      .isEqualTo("postgresql://app:***@db:5432/agents");
    assertThat(new PostgresUrl("postgresql://app:s3cret@db:5432/agents").jdbcUrl())
      .isEqualTo("jdbc:postgresql://db:5432/agents");
  }
}
