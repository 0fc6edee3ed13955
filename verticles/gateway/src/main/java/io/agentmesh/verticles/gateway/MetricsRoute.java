package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** {@code GET /metrics}: this node's Prometheus metrics (HTTP, event bus, pools, JVM), when metrics are enabled. */
final class MetricsRoute {

  private MetricsRoute() {
  }

  static Handler<RoutingContext> create(String registryName) {
    if (registryName == null) {
      return ctx -> Problem.of(ErrorCode.NOT_FOUND, "Metrics are disabled on this node (metrics.enabled).").send(ctx);
    }
    return PrometheusScrapingHandler.create(registryName);
  }
}
