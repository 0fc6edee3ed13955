package io.agentmesh.node.auth;

import io.agentmesh.node.TestNode;
import io.agentmesh.storage.PostgresUrl;
import io.agentmesh.testing.SharedInfra;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/** Forged and broken access tokens against a protected route: every one is a 401 that does not echo the token. */
@DisplayName("A protected route given a forged or broken token")
class JwtAttackTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth");
  private static String goodToken;
  private static JsonObject goodClaims;
  private static String kid;
  private static String privatePem;
  private static String publicJwk;

  @BeforeAll
  static void start() throws Exception {
    goodToken = node.api().accessToken(node.api().newUser("target"));
    goodClaims = new JsonObject(new String(Base64.getUrlDecoder().decode(goodToken.split("\\.")[1]),
      StandardCharsets.UTF_8));
    PostgresUrl url = new PostgresUrl(SharedInfra.postgresUrl());
    try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         ResultSet row = connection.createStatement().executeQuery(
           "SELECT kid, private_pem, public_jwk::text FROM auth.signing_keys WHERE active")) {
      row.next();
      kid = row.getString(1);
      privatePem = row.getString(2);
      publicJwk = row.getString(3);
    }
  }

  static Stream<Map.Entry<String, Supplier<String>>> attacks() {
    Map<String, Supplier<String>> attacks = new LinkedHashMap<>();
    attacks.put("alg none", () -> unsigned(new JsonObject().put("alg", "none").put("typ", "JWT"), goodClaims));
    attacks.put("HS256 with the public key as secret", () -> hs256(publicJwk));
    attacks.put("wrong algorithm (RS256 header)", () -> withHeader(new JsonObject().put("alg", "RS256").put("kid",
      kid)));
    attacks.put("unknown kid", () -> signedBy(foreignKeyPem(), "not-a-key-we-have", goodClaims));
    attacks.put("no kid", () -> signedBy(privatePem, null, goodClaims));
    attacks.put("tampered payload", JwtAttackTest::tampered);
    attacks.put("stripped signature", () -> goodToken.substring(0, goodToken.lastIndexOf('.') + 1));
    attacks.put("expired", () -> real(goodClaims.copy().put("exp", now() - 3600).put("iat", now() - 7200)));
    attacks.put("nbf in the future", () -> real(goodClaims.copy().put("nbf", now() + 3600)));
    attacks.put("missing exp", () -> real(without(goodClaims, "exp")));
    attacks.put("wrong iss", () -> real(goodClaims.copy().put("iss", "someone-else")));
    attacks.put("wrong aud", () -> real(goodClaims.copy().put("aud", "another-api")));
    attacks.put("typ=refresh used as access", () -> real(goodClaims.copy().put("typ", "refresh")));
    attacks.put("lifetime longer than auth.access_ttl_seconds", () -> real(goodClaims.copy()
      .put("exp", goodClaims.getLong("iat") + 900 + 3600)));
    attacks.put("missing iat", () -> real(without(goodClaims, "iat")));
    return attacks.entrySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void rejected(Map.Entry<String, Supplier<String>> attack) {
    assertThat(node.api().get("/api/v1/auth/me", goodToken).statusCode()).as("the genuine token").isEqualTo(200);
    String forged = attack.getValue().get();
    HttpResponse<Buffer> response = node.api().get("/api/v1/auth/me", forged);
    assertThat(response.statusCode()).as(attack.getKey()).isEqualTo(401);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsString()).doesNotContain(forged).doesNotContain(forged.split("\\.")[0]);
  }

  private static String real(JsonObject claims) {
    return signedBy(privatePem, kid, claims);
  }

  private static String signedBy(String pem, String keyId, JsonObject claims) {
    PubSecKeyOptions key = new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(pem);
    if (keyId != null) {
      key.setId(keyId);
    }
    JWTAuth signer = JWTAuth.create(node.api().vertx(), new JWTAuthOptions().addPubSecKey(key));
    return signer.generateToken(claims.copy(), new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true));
  }

  private static String tampered() {
    String[] parts = goodToken.split("\\.");
    JsonObject claims = goodClaims.copy().put("roles", new JsonArray().add("admin").add("user"));
    return parts[0] + "." + b64(claims.encode()) + "." + parts[2];
  }

  private static String withHeader(JsonObject header) {
    String[] parts = goodToken.split("\\.");
    return b64(header.encode()) + "." + parts[1] + "." + parts[2];
  }

  private static String unsigned(JsonObject header, JsonObject claims) {
    return b64(header.encode()) + "." + b64(claims.encode()) + ".";
  }

  private static String hs256(String secret) {
    try {
      String input = b64(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", kid).encode()) + "."
        + b64(goodClaims.encode());
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return input + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String foreignKeyPem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
      return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END PRIVATE KEY-----\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject without(JsonObject claims, String field) {
    JsonObject copy = claims.copy();
    copy.remove(field);
    return copy;
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
