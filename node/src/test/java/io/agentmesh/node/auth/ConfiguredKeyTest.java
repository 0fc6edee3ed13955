package io.agentmesh.node.auth;

import io.agentmesh.node.TestNode;
import io.agentmesh.testing.SharedInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs on a database of its own: installing a configured key retires the generated dev key of the shared one. */
@DisplayName("A signing key from configuration")
class ConfiguredKeyTest {

  @Test
  @DisplayName("signs tokens, is published in the JWK set, and refuses rotation through the API")
  void configuredKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Path pemFile = Files.createTempFile("signing", ".pem");
    Files.writeString(pemFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded())
      + pem("PUBLIC KEY", pair.getPublic().getEncoded()));

    TestNode withPem = TestNode.withRoles("gateway,auth").configure(config -> {
      config.getJsonObject("node").put("data_dir", SharedInfra.tempDir("configured-key").toString());
      config.getJsonObject("postgres").put("url", "").put("embedded_port", 0);
      config.getJsonObject("auth").put("signing_key_pem", pemFile.toString());
    });
    try (TestNode node = withPem.start()) {
      Api api = node.api();
      String token = api.accessToken(api.newUser("pem"));
      String kid = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]),
        StandardCharsets.UTF_8)).getString("kid");
      assertThat(Api.json(api.get("/.well-known/jwks.json", null)).getJsonArray("keys").getJsonObject(0)
        .getString("kid")).isEqualTo(kid);
      assertThat(api.get("/api/v1/auth/me", token).statusCode()).isEqualTo(200);
      assertThat(api.post("/api/v1/auth/keys/rotate", node.adminToken(), null).statusCode()).isEqualTo(409);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
      + "-----\n";
  }
}
