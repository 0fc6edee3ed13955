package io.agentmesh.verticles.auth;

import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** P-256 keys for ES256: generation, PEM, the public JWK and its RFC 7638 thumbprint (used as {@code kid}). */
final class EcKeys {

  private static final Pattern PEM_BLOCK = Pattern.compile(
    "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private EcKeys() {
  }

  /** A private and public key as PEM, from generation or from configuration. */
  record PemPair(String privatePem, String publicPem) {
  }

  static PemPair generate() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    return new PemPair(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
      pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  /** Reads a configured value holding a PKCS#8 "PRIVATE KEY" block and its "PUBLIC KEY" block. */
  static PemPair parse(String pemBundle) {
    String privatePem = null;
    String publicPem = null;
    Matcher matcher = PEM_BLOCK.matcher(pemBundle);
    while (matcher.find()) {
      if (matcher.group(1).equals("PRIVATE KEY")) {
        privatePem = matcher.group();
      } else if (matcher.group(1).equals("PUBLIC KEY")) {
        publicPem = matcher.group();
      }
    }
    if (privatePem == null || publicPem == null) {
      throw new IllegalArgumentException("auth.signing_key_pem must hold a PKCS#8 PRIVATE KEY block and its "
        + "PUBLIC KEY block (openssl pkcs8 -topk8 -nocrypt, then openssl ec -pubout)");
    }
    return new PemPair(privatePem, publicPem);
  }

  /** The public JWK of {@code publicPem}, with {@code kid} its thumbprint, {@code alg} ES256 and {@code use} sig. */
  static JsonObject publicJwk(String publicPem) throws GeneralSecurityException {
    ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC")
      .generatePublic(new X509EncodedKeySpec(der(publicPem)));
    String x = base64Url(unsigned32(key.getW().getAffineX()));
    String y = base64Url(unsigned32(key.getW().getAffineY()));
    // RFC 7638: the thumbprint hashes the required members in lexicographic order, without whitespace
    String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
    String kid = base64Url(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    return new JsonObject().put("kty", "EC").put("crv", "P-256").put("x", x).put("y", y)
      .put("kid", kid).put("alg", "ES256").put("use", "sig");
  }

  private static byte[] unsigned32(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length == 32) {
      return bytes;
    }
    byte[] fixed = new byte[32];
    int copy = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
    return fixed;
  }

  private static byte[] der(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(bytes, bytes.length));
  }
}
