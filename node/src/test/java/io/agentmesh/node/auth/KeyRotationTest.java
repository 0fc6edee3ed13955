package io.agentmesh.node.auth;

import io.agentmesh.node.TestNode;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Signing-key rotation")
class KeyRotationTest {

  private static final String CLUSTER = TestClusters.newClusterName();

  @RegisterExtension
  static final TestNode authNode = TestNode.withRoles("gateway,auth").inCluster(CLUSTER);
  @RegisterExtension
  static final TestNode edge = TestNode.withRoles("gateway").inCluster(CLUSTER);

  @Test
  @DisplayName("a new key signs while tokens of the old one keep working on every gateway, with requests in flight")
  void rotateWhileInFlight() throws Exception {
    Api onAuth = authNode.api();
    Api onEdge = edge.api();
    String user = onAuth.newUser("rot");
    String before = onAuth.accessToken(user);
    assertThat(onEdge.get("/api/v1/auth/me", before).statusCode()).isEqualTo(200);

    AtomicBoolean rotating = new AtomicBoolean(true);
    List<Integer> inFlight = new ArrayList<>();
    CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
      while (rotating.get()) {
        inFlight.add(onEdge.get("/api/v1/auth/me", before).statusCode());
        inFlight.add(onAuth.get("/api/v1/auth/me", before).statusCode());
      }
    });
    String root = authNode.adminToken();
    JsonObject keys = Api.json(onAuth.post("/api/v1/auth/keys/rotate", root, null));
    String after = onAuth.accessToken(user);
    for (int i = 0; i < 20; i++) {
      inFlight.add(onEdge.get("/api/v1/auth/me", after).statusCode());
    }
    rotating.set(false);
    traffic.get(30, TimeUnit.SECONDS);

    assertThat(keyId(after)).isNotEqualTo(keyId(before));
    JsonArray published = keys.getJsonArray("keys");
    assertThat(published.encode()).contains(keyId(before), keyId(after));
    assertThat(inFlight).isNotEmpty().containsOnly(200);
    assertThat(onEdge.get("/api/v1/auth/me", before).statusCode()).isEqualTo(200);
    assertThat(Api.json(onEdge.get("/.well-known/jwks.json", null)).getJsonArray("keys").encode())
      .contains(keyId(after));
  }

  private static String keyId(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8))
      .getString("kid");
  }
}
