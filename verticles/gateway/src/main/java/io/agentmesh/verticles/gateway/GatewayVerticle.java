package io.agentmesh.verticles.gateway;

import io.agentmesh.storage.RedisClients;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.routes.DocsRoutes;
import io.agentmesh.verticles.gateway.security.Admission;
import io.agentmesh.verticles.gateway.security.Authenticator;
import io.agentmesh.verticles.gateway.security.RateLimiter;
import io.agentmesh.verticles.gateway.security.RevokedCredentials;
import io.agentmesh.verticles.gateway.security.RouteGuard;
import io.agentmesh.verticles.gateway.security.StreamTickets;
import io.agentmesh.verticles.gateway.security.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.redis.client.Redis;
import io.vertx.servicediscovery.ServiceDiscovery;

import java.util.concurrent.TimeUnit;

/**
 * The HTTP edge of a node. Thin on purpose: it authenticates, validates, maps HTTP to bus messages and back. On
 * undeploy it stops accepting connections and lets in-flight requests finish within {@code node.shutdown_grace_ms}.
 */
public final class GatewayVerticle extends VerticleBase {

  private GatewayOptions options;
  private ServiceDiscovery discovery;
  private Redis redis;
  private HttpServer server;
  private ApiRouter api;

  @Override
  public Future<?> start() {
    options = GatewayOptions.fromConfig(config());
    discovery = ServiceDiscovery.create(vertx);
    redis = RedisClients.create(vertx, options.redisUrl());
    BusClient bus = new BusClient(vertx.eventBus(), options);
    StreamTickets tickets = new StreamTickets(redis);
    RevokedCredentials revocations = new RevokedCredentials(bus, options);
    Authenticator authenticator = new Authenticator(new TokenVerifier(vertx, options), bus, tickets, revocations,
      options.apiKeyCacheSeconds());
    Admission admission = new Admission(revocations, new RateLimiter(vertx, redis, options.rateLimits()),
      options.rateLimits());
    RouteGuard guard = new RouteGuard(authenticator, admission, options);
    revocations.start(vertx, options.revocationSyncMs());
    return DocsRoutes.load(vertx).compose(docs -> {
      api = new ApiRouter(vertx, options, bus, discovery, guard, docs, tickets);
      return vertx.createHttpServer(new HttpServerOptions()
          .setHost(options.host())
          .setPort(options.port())
          .setCompressionSupported(true))
        .requestHandler(api.router())
        .listen();
    }).onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    discovery.close();
    if (api != null) {
      api.closeStreams();
    }
    Future<Void> drained = server == null ? Future.succeededFuture()
      : server.shutdown(options.shutdownGraceMs(), TimeUnit.MILLISECONDS);
    return drained.onComplete(done -> redis.close());
  }
}
