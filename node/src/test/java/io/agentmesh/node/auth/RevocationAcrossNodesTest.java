package io.agentmesh.node.auth;

import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.CredentialsRevoked;
import io.agentmesh.node.TestNode;
import io.agentmesh.storage.PostgresUrl;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.SharedInfra;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.agentmesh.node.auth.Api.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gateways check credentials against revocations held in memory: the auth domain records each in PostgreSQL and
 * announces it, and a gateway that starts loads the record before it serves. Three nodes; auth runs on the first.
 */
@DisplayName("Revocations on every node")
class RevocationAcrossNodesTest {

  private static final Duration BOUND = Duration.ofSeconds(1);
  private static final String CLUSTER = TestClusters.newClusterName();

  @RegisterExtension
  static final TestNode a = TestNode.withRoles("gateway,auth").inCluster(CLUSTER);
  @RegisterExtension
  static final TestNode b = TestNode.withRoles("gateway").inCluster(CLUSTER);
  @RegisterExtension
  static final TestNode c = TestNode.withRoles("gateway").inCluster(CLUSTER);

  private static final List<TestNode> OTHERS = List.of(b, c);

  @Test
  @DisplayName("a logout, a revoked API key and a disabled user are refused by every node within 1 s")
  void withinOneSecond() throws Exception {
    String user = a.api().newUser("revoked");
    JsonObject first = a.api().login(user, PASSWORD);
    String token = first.getString("access_token");
    String interactive = a.api().accessToken(user);
    JsonObject created = Api.json(a.api().post("/api/v1/auth/api-keys", interactive, new JsonObject()
      .put("name", "everywhere").put("scopes", new JsonArray().add("agents:read"))));
    String key = created.getString("key");
    for (TestNode node : OTHERS) {
      assertThat(node.api().get("/api/v1/auth/me", token).statusCode()).isEqualTo(200);
      assertThat(node.api().get("/api/v1/auth/me", key).statusCode()).as("and now cached there").isEqualTo(200);
    }

    assertThat(a.api().post("/api/v1/auth/logout", null, new JsonObject()
      .put("refresh_token", first.getString("refresh_token"))).statusCode()).isEqualTo(204);
    assertRefusedEverywhereWithin(token);
    assertThat(a.api().delete("/api/v1/auth/api-keys/" + created.getJsonObject("api_key").getString("id"),
      interactive).statusCode()).isEqualTo(204);
    assertRefusedEverywhereWithin(key);

    String userId = Api.json(a.api().get("/api/v1/auth/me", interactive)).getString("id");
    assertThat(a.api().call(HttpMethod.PATCH, "/api/v1/users/" + userId, a.adminToken(),
      new JsonObject().put("disabled", true)).statusCode()).isEqualTo(200);
    assertRefusedEverywhereWithin(interactive);
  }

  @Test
  @DisplayName("a node that was down when a login ended refuses its token from its first request")
  void restartedNodeLoadsTheRecord() throws Exception {
    String user = a.api().newUser("away");
    JsonObject login = a.api().login(user, PASSWORD);
    String token = login.getString("access_token");
    assertThat(c.api().get("/api/v1/auth/me", token).statusCode()).isEqualTo(200);
    c.close();
    assertThat(a.api().post("/api/v1/auth/logout", null, new JsonObject()
      .put("refresh_token", login.getString("refresh_token"))).statusCode()).isEqualTo(204);
    c.start();
    assertThat(c.api().get("/api/v1/auth/me", token).statusCode()).isEqualTo(401);
    assertThat(c.api().get("/api/v1/auth/me", a.api().accessToken(user)).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a revocation whose announcement a gateway never heard (a partition) reaches it from the record")
  void missedAnnouncementRepaired() throws Exception {
    String token = a.api().accessToken(a.api().newUser("unheard"));
    String sid = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
      StandardCharsets.UTF_8)).getString("sid");
    for (TestNode node : List.of(a, b, c)) {
      assertThat(node.api().get("/api/v1/auth/me", token).statusCode()).isEqualTo(200);
    }
    List<String> announcedOnB = new CopyOnWriteArrayList<>();
    Await.result(b.vertx().eventBus().<CredentialsRevoked>localConsumer(AuthAddresses.CREDENTIALS_REVOKED,
      announced -> announcedOnB.add(announced.body().credentialId())).completion());
    // Recorded as the auth domain records it, but announced to nobody: only the catch-up read can bring it.
    PostgresUrl url = new PostgresUrl(SharedInfra.postgresUrl());
    try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         PreparedStatement insert = connection.prepareStatement("INSERT INTO auth.revocations (credential_id, "
           + "expires_at) VALUES (?, now() + interval '20 minutes')")) {
      insert.setString(1, sid);
      insert.executeUpdate();
    }
    assertRefusedEverywhereWithin(token);
    Await.eventually(() -> announcedOnB, announced -> announced.contains(sid)); // what streams held by it listen to
  }

  private static void assertRefusedEverywhereWithin(String credential) throws Exception {
    for (TestNode node : List.of(a, b, c)) {
      Await.eventually(BOUND, () -> node.api().get("/api/v1/auth/me", credential).statusCode(),
        status -> status == 401);
    }
  }
}
