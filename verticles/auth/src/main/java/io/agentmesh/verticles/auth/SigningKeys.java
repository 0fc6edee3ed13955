package io.agentmesh.verticles.auth;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.auth.AuthAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The keys that sign access tokens. In production the key comes from configuration; in dev mode one is generated
 * once and stored in PostgreSQL, so every node of the cluster signs and verifies with the same keys. Rotation makes
 * a new key sign while retired keys stay in the published set until every token they signed has expired.
 */
final class SigningKeys {

  private static final long VERIFY_LEEWAY_SECONDS = 60;

  private final Vertx vertx;
  private final Pool pool;
  private final AuthOptions options;
  private volatile JWTAuth signer;
  private volatile String activeKid;
  private volatile EcKeys.PemPair configured;

  SigningKeys(Vertx vertx, Pool pool, AuthOptions options) {
    this.vertx = vertx;
    this.pool = pool;
    this.options = options;
  }

  Future<Void> load() {
    Future<Void> ensured = options.signingKeyPem().isBlank() ? ensureGeneratedKey() : installConfiguredKey();
    return ensured.compose(ok -> reloadSigner());
  }

  /** Re-reads the active key (after a rotation announced on {@link AuthAddresses#SIGNING_KEYS_CHANGED}). */
  Future<Void> reloadSigner() {
    return pool.query("SELECT kid, private_pem FROM signing_keys WHERE active").execute().compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(new IllegalStateException("no active signing key"));
      }
      Row row = rows.iterator().next();
      String privatePem = row.getString("private_pem");
      if (privatePem == null && configured == null) {
        return Future.failedFuture(new IllegalStateException("the active key " + row.getString("kid")
          + " has no private key here: is auth.signing_key_pem the same on every node?"));
      }
      if (privatePem == null) {
        privatePem = configured.privatePem();
      }
      signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm("ES256").setBuffer(privatePem).setId(row.getString("kid"))));
      activeKid = row.getString("kid");
      return Future.succeededFuture();
    });
  }

  String sign(JsonObject claims) {
    return signer.generateToken(claims, new JWTOptions().setAlgorithm("ES256"));
  }

  String activeKid() {
    return activeKid;
  }

  /** Every key that may still verify a live token, as a JWK set. */
  Future<JsonObject> jwks() {
    return pool.preparedQuery("SELECT public_jwk FROM signing_keys WHERE retired_at IS NULL "
        + "OR retired_at > now() - make_interval(secs => $1) ORDER BY created_at")
      .execute(Tuple.of((double) (options.accessTtlSeconds() + VERIFY_LEEWAY_SECONDS)))
      .map(rows -> {
        JsonArray keys = new JsonArray();
        rows.forEach(row -> keys.add(new JsonObject(row.getValue("public_jwk").toString())));
        return new JsonObject().put("keys", keys);
      });
  }

  /** Dev mode: a new generated key signs from now on; the old one keeps verifying until its tokens expire. */
  Future<Void> rotate() {
    if (!options.signingKeyPem().isBlank()) {
      return Future.failedFuture(new DomainException(ErrorCode.CONFLICT,
        "Keys come from configuration here: rotate by deploying a new auth.signing_key_pem."));
    }
    return generatedRow().compose(key -> pool.withTransaction(conn -> conn
        .query("UPDATE signing_keys SET active = false, retired_at = now() WHERE active").execute()
        .compose(ok -> conn.preparedQuery("INSERT INTO signing_keys (kid, public_jwk, private_pem, active) "
          + "VALUES ($1, $2, $3, true)").execute(key))))
      .compose(ok -> reloadSigner())
      .onSuccess(ok -> vertx.eventBus().publish(AuthAddresses.SIGNING_KEYS_CHANGED, activeKid));
  }

  private Future<Void> ensureGeneratedKey() {
    if (options.prod()) {
      return Future.failedFuture(new IllegalStateException(
        "auth.signing_key_pem is required in prod mode (generated keys are for dev only)"));
    }
    return pool.query("SELECT 1 FROM signing_keys WHERE active").execute().compose(rows -> rows.size() > 0
      ? Future.succeededFuture()
      : generatedRow().compose(key -> pool.preparedQuery("INSERT INTO signing_keys (kid, public_jwk, private_pem, "
        + "active) VALUES ($1, $2, $3, true) ON CONFLICT DO NOTHING").execute(key)).mapEmpty());
  }

  private Future<Tuple> generatedRow() {
    return vertx.executeBlocking(() -> {
      EcKeys.PemPair pair = EcKeys.generate();
      JsonObject jwk = EcKeys.publicJwk(pair.publicPem());
      return Tuple.of(jwk.getString("kid"), jwk, pair.privatePem());
    }, false);
  }

  /** Production: the configured key becomes the active one; a previous key retires and keeps verifying a while. */
  private Future<Void> installConfiguredKey() {
    return vertx.executeBlocking(() -> {
      configured = configuredPair();
      return EcKeys.publicJwk(configured.publicPem());
    }, false)
      .compose(jwk -> pool.withTransaction(conn -> conn
        .preparedQuery("UPDATE signing_keys SET active = false, retired_at = now() WHERE active AND kid <> $1")
        .execute(Tuple.of(jwk.getString("kid")))
        .compose(ok -> conn.preparedQuery("INSERT INTO signing_keys (kid, public_jwk, active) VALUES ($1, $2, true) "
          + "ON CONFLICT (kid) DO UPDATE SET active = true, retired_at = NULL")
          .execute(Tuple.of(jwk.getString("kid"), jwk)))))
      .mapEmpty();
  }

  private EcKeys.PemPair configuredPair() {
    String value = options.signingKeyPem();
    try {
      return EcKeys.parse(value.startsWith("-----BEGIN") ? value : Files.readString(Path.of(value)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read auth.signing_key_pem file " + value + ": " + e.getMessage());
    }
  }
}
