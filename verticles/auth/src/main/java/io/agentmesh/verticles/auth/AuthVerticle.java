package io.agentmesh.verticles.auth;

import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.RevocationQuery;
import io.agentmesh.contract.ping.DomainPing;
import io.agentmesh.storage.DomainPool;
import io.agentmesh.storage.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The auth domain: owns schema {@code auth} (users, logins, refresh tokens, API keys, signing keys, audit) and the
 * {@code auth.*} addresses. Refuses to start without a signing key, so no verifier ever runs with an empty key set.
 */
public final class AuthVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AuthVerticle.class);
  private static final long LAST_USED_FLUSH_MS = 10_000;
  private static final long REVOCATION_PURGE_MS = 60_000;

  private Pool pool;
  private Redis redis;
  private PasswordHasher hasher;
  private SigningKeys keys;
  private ApiKeyStore apiKeyStore;

  @Override
  public Future<?> start() {
    AuthOptions options = AuthOptions.fromConfig(config());
    return DomainPool.open(vertx, config(), "auth")
      .compose(opened -> {
        pool = opened;
        redis = RedisClients.create(vertx, config().getJsonObject("redis").getString("url"));
        hasher = new PasswordHasher(vertx, options);
        keys = new SigningKeys(vertx, pool, options);
        apiKeyStore = new ApiKeyStore(pool);
        return vertx.executeBlocking(PasswordPolicy::load, false);
      })
      .compose(policy -> {
        UserStore users = new UserStore(pool);
        AuditLog audit = new AuditLog(pool);
        return Future.all(hasher.start(), keys.load())
          .compose(ready -> new AdminBootstrap(options, users, hasher, policy, audit).run())
          .compose(ok -> serve(options, policy, users, audit, config().getString("node_id")));
      });
  }

  private Future<Void> serve(AuthOptions options, PasswordPolicy policy, UserStore users, AuditLog audit,
                             String nodeId) {
    EventBus bus = vertx.eventBus();
    LoginStore logins = new LoginStore(pool, options);
    TokenRevocations revocations = new TokenRevocations(pool, bus, options);
    UserEvents events = new UserEvents(bus);
    LoginService sessions = new LoginService(users, logins, hasher, new TokenIssuer(keys, options), revocations,
      new LoginThrottle(redis, options), audit);
    AccountService accounts = new AccountService(users, logins, hasher, policy, revocations, new UserViewCache(vertx),
      events, audit);
    ApiKeyService apiKeys = new ApiKeyService(apiKeyStore, revocations, audit);
    AdminService admin = new AdminService(users, logins, keys, revocations, events, audit, accounts);
    List<Future<Void>> registrations = List.of(
      RequestConsumers.serve(bus, AuthAddresses.REGISTER, accounts::register).completion(),
      RequestConsumers.serve(bus, AuthAddresses.ME, accounts::me).completion(),
      RequestConsumers.serve(bus, AuthAddresses.DELETE_ME, accounts::deleteMe).completion(),
      RequestConsumers.serve(bus, AuthAddresses.PASSWORD_CHANGE, accounts::changePassword).completion(),
      RequestConsumers.serve(bus, AuthAddresses.LOGIN, sessions::login).completion(),
      RequestConsumers.serve(bus, AuthAddresses.REFRESH, sessions::refresh).completion(),
      RequestConsumers.serve(bus, AuthAddresses.LOGOUT, sessions::logout).completion(),
      RequestConsumers.serve(bus, AuthAddresses.LOGOUT_ALL, sessions::logoutAll).completion(),
      RequestConsumers.serve(bus, AuthAddresses.LOGINS_LIST, sessions::list).completion(),
      RequestConsumers.serve(bus, AuthAddresses.LOGIN_END, sessions::end).completion(),
      RequestConsumers.serve(bus, AuthAddresses.API_KEY_CREATE, apiKeys::create).completion(),
      RequestConsumers.serve(bus, AuthAddresses.API_KEY_LIST, apiKeys::list).completion(),
      RequestConsumers.serve(bus, AuthAddresses.API_KEY_REVOKE, apiKeys::revoke).completion(),
      RequestConsumers.serve(bus, AuthAddresses.API_KEY_VERIFY, apiKeys::verify).completion(),
      RequestConsumers.<RevocationQuery>serve(bus, AuthAddresses.REVOCATIONS_LIST,
        query -> revocations.list(query.body())).completion(),
      RequestConsumers.serve(bus, AuthAddresses.USERS_LIST, admin::users).completion(),
      RequestConsumers.serve(bus, AuthAddresses.USER_UPDATE, admin::update).completion(),
      RequestConsumers.serve(bus, AuthAddresses.USER_DELETE, admin::delete).completion(),
      RequestConsumers.serve(bus, AuthAddresses.AUDIT_LIST, admin::audit).completion(),
      RequestConsumers.serve(bus, AuthAddresses.SIGNING_KEYS_ROTATE, admin::rotateKeys).completion(),
      RequestConsumers.<Object>serve(bus, AuthAddresses.SIGNING_KEYS, message -> keys.jwks()).completion(),
      bus.<String>consumer(AuthAddresses.SIGNING_KEYS_CHANGED, changed -> keys.reloadSigner()).completion(),
      DomainPing.answer(vertx, "auth", nodeId));
    vertx.setPeriodic(LAST_USED_FLUSH_MS, timer -> apiKeyStore.flushLastUsed());
    vertx.setPeriodic(REVOCATION_PURGE_MS, timer -> revocations.purgeExpired()
      .onFailure(failure -> LOG.warn("Could not purge expired revocations: {}", failure.getMessage())));
    return Future.all(registrations).compose(ok -> WhoamiTool.serve(vertx));
  }

  @Override
  public Future<?> stop() {
    return RequestConsumers.retire()
      .eventually(() -> apiKeyStore == null ? Future.succeededFuture() : apiKeyStore.flushLastUsed())
      .eventually(() -> Future.join(
        hasher == null ? Future.succeededFuture() : hasher.close(),
        pool == null ? Future.succeededFuture() : pool.close()))
      .onComplete(done -> {
        if (redis != null) {
          redis.close();
        }
      });
  }

}
