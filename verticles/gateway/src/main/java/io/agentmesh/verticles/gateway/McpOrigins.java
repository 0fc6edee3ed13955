package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.ErrorCode;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.Set;

/**
 * DNS-rebinding protection for {@code /mcp}: a browser request whose Origin is neither a configured CORS origin nor
 * this machine (localhost) is refused with 403. Requests without an Origin, as non-browser clients send, pass.
 */
final class McpOrigins {

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private McpOrigins() {
  }

  static void check(RoutingContext ctx, GatewayOptions options) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null || options.corsOrigins().contains(origin) || isLocal(origin)) {
      ctx.next();
      return;
    }
    Problem.of(ErrorCode.FORBIDDEN, "Origin " + origin + " may not use /mcp.").send(ctx);
  }

  private static boolean isLocal(String origin) {
    try {
      String host = URI.create(origin).getHost();
      return host != null && LOCAL_HOSTS.contains(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
