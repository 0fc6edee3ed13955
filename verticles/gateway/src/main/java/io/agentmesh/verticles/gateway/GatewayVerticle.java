package io.agentmesh.verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.servicediscovery.ServiceDiscovery;

import java.util.concurrent.TimeUnit;

/**
 * The HTTP edge of a node. Thin on purpose: it authenticates, validates, maps HTTP to bus messages and back. On
 * undeploy it stops accepting connections and lets in-flight requests finish within {@code node.shutdown_grace_ms}.
 */
public final class GatewayVerticle extends VerticleBase {

  private GatewayOptions options;
  private ServiceDiscovery discovery;
  private HttpServer server;

  @Override
  public Future<?> start() {
    options = GatewayOptions.fromConfig(config());
    discovery = ServiceDiscovery.create(vertx);
    BusClient bus = new BusClient(vertx.eventBus(), options.sendTimeoutMs(), options.preferLocal());
    ApiRouter api = new ApiRouter(vertx, options, bus, discovery);
    return vertx.createHttpServer(new HttpServerOptions()
        .setHost(options.host())
        .setPort(options.port())
        .setCompressionSupported(true))
      .requestHandler(api.router())
      .listen()
      .onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    discovery.close();
    return server == null ? Future.succeededFuture() : server.shutdown(options.shutdownGraceMs(), TimeUnit.MILLISECONDS);
  }
}
