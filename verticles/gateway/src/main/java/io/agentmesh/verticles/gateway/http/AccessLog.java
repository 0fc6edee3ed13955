package io.agentmesh.verticles.gateway.http;

import io.agentmesh.verticles.gateway.security.Principals;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/** One JSON line per request on the {@code access} logger. The query string is left out: it may carry secrets. */
public final class AccessLog {

  private static final Logger LOG = LoggerFactory.getLogger("access");

  private AccessLog() {
  }

  public static void record(RoutingContext ctx, String nodeId) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      if (!LOG.isInfoEnabled()) {
        return;
      }
      JsonObject line = new JsonObject()
        .put("ts", Instant.now().toString())
        .put("request_id", RequestIds.of(ctx))
        .put("method", ctx.request().method().name())
        .put("path", ctx.request().path())
        .put("status", ctx.response().getStatusCode())
        .put("duration_ms", (System.nanoTime() - start) / 1_000_000.0)
        .put("principal", Principals.of(ctx).userId())
        .put("remote", ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress())
        .put("node_id", nodeId);
      LOG.info(line.encode());
    });
    ctx.next();
  }
}
