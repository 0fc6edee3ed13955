package io.agentmesh.verticles.gateway.security;

import io.agentmesh.verticles.gateway.GatewayOptions;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every response carries; HSTS when served over TLS, or behind a trusted proxy that says it terminated TLS,
 * or when {@code http.hsts} declares the deployment HTTPS-only. The docs page gets the one policy that lets Swagger UI
 * run; everything else may load nothing and be framed by nobody. API responses are never cached (they may hold tokens).
 */
public final class SecurityHeaders {

  private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
  private static final String DOCS_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

  private SecurityHeaders() {
  }

  public static void apply(RoutingContext ctx, GatewayOptions options) {
    MultiMap headers = ctx.response().headers();
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    String path = ctx.request().path();
    headers.set("Content-Security-Policy", path.startsWith("/docs") ? DOCS_POLICY : API_POLICY);
    if (path.startsWith("/api/")) {
      headers.set("Cache-Control", "no-store");
    }
    if (options.hsts() || ctx.request().isSSL() || behindTlsProxy(ctx, options)) {
      headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    ctx.next();
  }

  private static boolean behindTlsProxy(RoutingContext ctx, GatewayOptions options) {
    return "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto")) && ctx.request()
      .remoteAddress() != null
      && options.trustedProxies().contains(ctx.request().remoteAddress().hostAddress());
  }
}
