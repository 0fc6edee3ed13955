package io.agentmesh.storage;

import io.agentmesh.testing.SharedInfra;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The embedded PostgreSQL server")
class EmbeddedPostgresDurabilityTest {

  @Test
  @DisplayName("flushes a commit to disk before acknowledging it, like a production server")
  void commitsAreDurable() throws Exception {
    PostgresUrl url = new PostgresUrl(SharedInfra.postgresUrl());
    try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         Statement statement = connection.createStatement()) {
      assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
      assertThat(setting(statement, "fsync")).isEqualTo("on");
    }
  }

  private static String setting(Statement statement, String name) throws Exception {
    try (ResultSet result = statement.executeQuery("SHOW " + name)) {
      result.next();
      return result.getString(1);
    }
  }
}
