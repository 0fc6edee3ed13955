package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.ErrorCode;
import io.agentmesh.verticles.gateway.http.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** {@code GET /metrics}: this node's Prometheus metrics (HTTP, event bus, pools, JVM), when metrics are enabled. */
public final class MetricsRoute {

  private MetricsRoute() {
  }

  public static Handler<RoutingContext> create(String registryName) {
    if (registryName == null) {
      return ctx -> Problem.of(ErrorCode.NOT_FOUND, "Metrics are disabled on this node (metrics.enabled).").send(ctx);
    }
    return PrometheusScrapingHandler.create(registryName);
  }
}
