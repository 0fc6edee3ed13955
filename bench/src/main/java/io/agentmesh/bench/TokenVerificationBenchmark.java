package io.agentmesh.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the gateway's verification cache saves: a full ES256 verification by vertx-auth-jwt against the cache's own
 * cost (SHA-256 of the token and a map lookup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerificationBenchmark {

  private Vertx vertx;
  private JWTAuth auth;
  private String token;
  private final Map<String, Object> cache = new HashMap<>();

  @Setup
  public void setUp() throws Exception {
    vertx = Vertx.vertx();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
    auth = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(privatePem).setId("k1"))
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(publicPem).setId("k1")));
    long now = System.currentTimeMillis() / 1000;
    token = auth.generateToken(new JsonObject().put("sub", "usr_1").put("exp", now + 3600).put("typ", "access"),
      new JWTOptions().setAlgorithm("ES256"));
    cache.put(sha256(token), Boolean.TRUE);
  }

  @TearDown
  public void tearDown() {
    vertx.close();
  }

  @Benchmark
  public Object es256Verify() throws Exception {
    return auth.authenticate(new TokenCredentials(token)).toCompletionStage().toCompletableFuture().get();
  }

  @Benchmark
  public Object cacheLookup() {
    return cache.get(sha256(token));
  }

  private static String sha256(String value) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
        .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
      + "-----\n";
  }
}
