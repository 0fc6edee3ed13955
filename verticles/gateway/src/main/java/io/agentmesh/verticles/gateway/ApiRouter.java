package io.agentmesh.verticles.gateway;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.servicediscovery.ServiceDiscovery;

/**
 * Every route the gateway serves, in one block that reads like the API table in the README. Nothing else is open:
 * an unknown path is a 404 problem, a known path with another method a 405 problem.
 */
final class ApiRouter {

  private final Vertx vertx;
  private final GatewayOptions options;
  private final PingRoutes ping;
  private final ClusterRoutes cluster;
  private final HealthRoutes health;
  private final DocsRoutes docs;

  ApiRouter(Vertx vertx, GatewayOptions options, BusClient bus, ServiceDiscovery discovery) {
    this.vertx = vertx;
    this.options = options;
    this.ping = new PingRoutes(bus, discovery);
    this.cluster = new ClusterRoutes(discovery);
    this.health = new HealthRoutes(vertx.eventBus());
    this.docs = new DocsRoutes();
  }

  Router router() {
    Router router = Router.router(vertx);
    router.route().handler(RequestIds::assign);
    router.route().handler(ctx -> AccessLog.record(ctx, options.nodeId()));
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(options.bodyLimitBytes()));

    router.get("/health/live").handler(health::live);
    router.get("/health/ready").handler(health::ready);
    router.get("/metrics").handler(MetricsRoute.create(options.metricsRegistry()));
    router.get("/openapi.json").handler(docs::openApi);
    router.get("/docs").handler(docs::index);
    router.get(DocsRoutes.ASSETS + "*").handler(docs.assets());

    router.get("/api/v1/ping").handler(ping::ping);
    router.get("/api/v1/cluster").handler(cluster::describe);

    router.route().failureHandler(Failures::handle);
    for (int status : new int[] {400, 404, 405, 413, 500}) {
      router.errorHandler(status, Failures::handle);
    }
    return router;
  }
}
