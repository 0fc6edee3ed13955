package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.storage.ExpiringCache;
import io.agentmesh.verticles.gateway.GatewayOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * Verifies access tokens: ES256 only, a known {@code kid} required, signature, {@code exp} (required), {@code nbf},
 * {@code iss}, {@code aud}, {@code typ=access}. The key set comes from the auth domain and is reloaded when it
 * announces a rotation or a token names a key not seen yet. A verifier is never built from an empty key set
 * (vertx-auth-jwt would then accept unsigned tokens). Verified tokens are cached until they expire, keyed by the
 * SHA-256 of the whole token, never by a claim a forger could copy.
 */
public final class TokenVerifier {

  /** What a verified token says, kept until {@code exp}; {@code issuedAtMs} from iat_ms, else iat. */
  record Verified(Principal principal, long expiresAt, long issuedAtMs) {
  }

  private static final int CACHE_SIZE = 10_000;
  private static final long RELOAD_AT_MOST_EVERY_MS = 1000;
  private static final String INVALID = "The access token is not valid.";

  private final Vertx vertx;
  private static final int LEEWAY_SECONDS = 5;

  private final GatewayOptions options;
  private final ExpiringCache<String, Verified> cache = new ExpiringCache<>(CACHE_SIZE, 0);
  private JWTAuth verifier;
  private Set<String> kids = Set.of();
  private long lastReload;
  private Future<Void> reloading;

  public TokenVerifier(Vertx vertx, GatewayOptions options) {
    this.vertx = vertx;
    this.options = options;
    vertx.eventBus().consumer(AuthAddresses.SIGNING_KEYS_CHANGED, changed -> reload(true));
  }

  Future<Verified> verify(String token) {
    String cacheKey = sha256(token);
    Verified cached = cache.get(cacheKey);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    String kid;
    try {
      kid = checkedKeyId(token);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    Future<Void> keys = kids.contains(kid) ? Future.succeededFuture() : reload(false);
    return keys.compose(ok -> {
      if (verifier == null || !kids.contains(kid)) {
        return Future.failedFuture(invalid());
      }
      return verifier.authenticate(new TokenCredentials(token)).<Verified>transform(done -> {
        if (done.failed()) {
          return Future.failedFuture(invalid());
        }
        try {
          Verified verified = claims(done.result().attributes().getJsonObject("accessToken"),
            options.accessTtlSeconds());
          cache.put(cacheKey, verified, verified.expiresAt() * 1000);
          return Future.succeededFuture(verified);
        } catch (DomainException e) {
          return Future.failedFuture(e);
        }
      });
    });
  }

  /** The header must name ES256 and a key id; anything else is refused before any cryptography. */
  private static String checkedKeyId(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[2].isEmpty()) {
      throw invalid();
    }
    JsonObject header;
    try {
      header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw invalid();
    }
    if (!"ES256".equals(header.getValue("alg")) || !(header.getValue("kid") instanceof String kid)) {
      throw invalid();
    }
    return kid;
  }

  /**
   * The claims of a validly signed token, refused when they are not those of an access token as this platform
   * issues them, including a lifetime ({@code exp - iat}) longer than {@code auth.access_ttl_seconds} (plus the
   * clock leeway): a signing key that leaked or a bug elsewhere must not mint tokens that outlive revocation records.
   */
  private static Verified claims(JsonObject claims, long accessTtlSeconds) {
    if (!(claims.getValue("exp") instanceof Number exp) || !"access".equals(claims.getValue("typ"))
      || !(claims.getValue("sub") instanceof String sub) || !(claims.getValue("sid") instanceof String sid)
      || !(claims.getValue("roles") instanceof JsonArray roleArray)) {
      throw invalid();
    }
    long now = System.currentTimeMillis() / 1000;
    if (claims.getValue("nbf") instanceof Number nbf && nbf.longValue() > now + LEEWAY_SECONDS
      || !(claims.getValue("jti") instanceof String) || !(claims.getValue("iat") instanceof Number iat)
      || exp.longValue() - iat.longValue() > accessTtlSeconds + LEEWAY_SECONDS) {
      throw invalid();
    }
    Set<String> roles = new HashSet<>();
    roleArray.forEach(role -> roles.add(String.valueOf(role)));
    long issuedAtMs = claims.getValue("iat_ms") instanceof Number ms ? ms.longValue()
      : iat.longValue() * 1000;
    return new Verified(new Principal(sub, roles, Scopes.forRoles(roles), sid), exp.longValue(), issuedAtMs);
  }

  private Future<Void> reload(boolean force) {
    long now = System.currentTimeMillis();
    if (reloading != null) {
      return reloading;
    }
    if (!force && now - lastReload < RELOAD_AT_MOST_EVERY_MS) {
      return Future.succeededFuture();
    }
    lastReload = now;
    reloading = vertx.eventBus().<JsonObject>request(AuthAddresses.SIGNING_KEYS, null)
      .map(reply -> {
        install(reply.body().getJsonArray("keys", new JsonArray()));
        return (Void) null;
      })
      .otherwiseEmpty()
      .onComplete(done -> reloading = null);
    return reloading;
  }

  private void install(JsonArray keys) {
    if (keys.isEmpty()) {
      return;
    }
    JWTAuthOptions authOptions = new JWTAuthOptions().setJWTOptions(new JWTOptions()
      .setIssuer(options.issuer()).addAudience(options.audience()).setLeeway(LEEWAY_SECONDS));
    Set<String> ids = new HashSet<>();
    keys.forEach(key -> {
      JsonObject jwk = (JsonObject) key;
      if ("ES256".equals(jwk.getString("alg")) && jwk.getString("kid") != null) {
        authOptions.addJwk(jwk);
        ids.add(jwk.getString("kid"));
      }
    });
    if (!ids.isEmpty()) {
      verifier = JWTAuth.create(vertx, authOptions);
      kids = Set.copyOf(ids);
      cache.clear();
    }
  }

  private static DomainException invalid() {
    return new DomainException(ErrorCode.UNAUTHENTICATED, INVALID);
  }

  private static String sha256(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
