package io.agentmesh.verticles.gateway;

import io.agentmesh.testing.ShippedConfig;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.routes.DocsRoutes;
import io.agentmesh.verticles.gateway.security.Admission;
import io.agentmesh.verticles.gateway.security.Authenticator;
import io.agentmesh.verticles.gateway.security.RateLimiter;
import io.agentmesh.verticles.gateway.security.RevokedCredentials;
import io.agentmesh.verticles.gateway.security.RouteGuard;
import io.agentmesh.verticles.gateway.security.StreamTickets;
import io.agentmesh.verticles.gateway.security.TokenVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.servicediscovery.ServiceDiscovery;

/**
 * The gateway's router built with the shipped settings, changed by {@code overrides} (merged section by section),
 * and nothing behind it: for tests that read its routes.
 */
final class OfflineRouter {

  private OfflineRouter() {
  }

  static ApiRouter build(Vertx vertx, JsonObject overrides) throws Exception {
    GatewayOptions options = GatewayOptions.fromConfig(ShippedConfig.defaults().mergeIn(overrides, true));
    Redis unused = Redis.createClient(vertx, "redis://127.0.0.1:1");
    StreamTickets tickets = new StreamTickets(unused);
    BusClient bus = new BusClient(vertx.eventBus(), options);
    RevokedCredentials revocations = new RevokedCredentials(bus, options);
    RouteGuard guard = new RouteGuard(new Authenticator(new TokenVerifier(vertx, options), bus, tickets, revocations,
      options.apiKeyCacheSeconds()), new Admission(revocations, new RateLimiter(vertx, unused, options.rateLimits()),
      options.rateLimits()), options);
    DocsRoutes docs = DocsRoutes.load(vertx).toCompletionStage().toCompletableFuture().get();
    return new ApiRouter(vertx, options, bus, ServiceDiscovery.create(vertx),
      guard, docs, tickets);
  }
}
