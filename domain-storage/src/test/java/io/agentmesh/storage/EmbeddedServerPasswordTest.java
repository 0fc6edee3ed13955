package io.agentmesh.storage;

import io.agentmesh.embedded.EmbeddedPostgresServer;
import io.agentmesh.embedded.EmbeddedRedisServer;
import io.agentmesh.testing.SharedInfra;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Other local accounts cannot use the embedded servers: each needs the password kept beside its data (0600). */
@DisplayName("The embedded servers need their password")
class EmbeddedServerPasswordTest {

  @Test
  @DisplayName("PostgreSQL refuses a connection without the password, local ones too; the file is owner-only")
  void postgres() throws Exception {
    Path data = SharedInfra.tempDir("pw").resolve("postgres");
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
      assertRefusedWithoutPassword(server.port());
      PostgresUrl url = new PostgresUrl(server.url());
      try (Connection ok = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
        assertThat(ok.isValid(5)).isTrue();
      }
      Path file = data.resolveSibling("postgres.password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      assertThat(Files.readString(file).trim()).isEqualTo(url.password());
    }
  }

  @Test
  @DisplayName("a cluster made when local connections were trusted gets the password on its next start")
  void trustingClusterUpgraded() throws Exception {
    Path data = SharedInfra.tempDir("legacy").resolve("postgres");
    Files.createDirectories(data);
    EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start().close();
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
      assertRefusedWithoutPassword(server.port());
      PostgresUrl url = new PostgresUrl(server.url());
      try (Connection ok = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
        assertThat(ok.isValid(5)).isTrue();
      }
    }
  }

  @Test
  @DisplayName("Redis answers NOAUTH until the password is given")
  void redis() throws Exception {
    Path data = SharedInfra.tempDir("pw").resolve("redis");
    try (EmbeddedRedisServer server = EmbeddedRedisServer.start(data, 0);
         Socket socket = new Socket("127.0.0.1", server.port())) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.UTF_8));
      assertThat(in.readLine()).startsWith("-NOAUTH");
      String password = Files.readString(data.resolveSibling("redis.password")).trim();
      out.write(("AUTH " + password + "\r\nPING\r\n").getBytes(StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("+OK");
      assertThat(in.readLine()).isEqualTo("+PONG");
      assertThat(server.url()).contains(":" + password + "@");
    }
  }

  private static void assertRefusedWithoutPassword(int port) {
    for (String host : new String[] {"localhost", "127.0.0.1"}) {
      assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
        "postgres", null).close()).isInstanceOf(SQLException.class).hasMessageContaining("password");
    }
  }
}
