package io.agentmesh.verticles.gateway.mcp;

import io.agentmesh.contract.ErrorCode;
import io.agentmesh.verticles.gateway.GatewayOptions;
import io.agentmesh.verticles.gateway.http.Problem;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * DNS-rebinding protection for {@code /mcp}. A page on evil.example whose name is made to resolve to this machine
 * sends {@code Host: evil.example} and {@code Origin: http://evil.example}; both are refused with 403.
 * <ul>
 *   <li>Host: a name in {@code mcp.allowed_hosts}; on a node listening on loopback also localhost, 127.0.0.1 and
 *   [::1]. A node listening on other addresses cannot know every name a load balancer gives it, so without an
 *   allowlist it takes any Host.</li>
 *   <li>Origin (only browsers send one): the request's own origin (same Host), a configured CORS origin, a name in
 *   {@code mcp.allowed_hosts}, or in dev mode a localhost origin.</li>
 * </ul>
 */
public final class McpOrigins {

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private McpOrigins() {
  }

  public static void check(RoutingContext ctx, GatewayOptions options) {
    String host = ctx.request().getHeader("Host");
    if (!hostAllowed(host, options)) {
      Problem.of(ErrorCode.FORBIDDEN, "Host " + host + " may not use /mcp.").send(ctx);
      return;
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !originAllowed(origin, host, options)) {
      Problem.of(ErrorCode.FORBIDDEN, "Origin " + origin + " may not use /mcp.").send(ctx);
      return;
    }
    ctx.next();
  }

  private static boolean hostAllowed(String host, GatewayOptions options) {
    if (host == null) {
      return false;
    }
    if (listed(host, options)) {
      return true;
    }
    boolean loopback = LOCAL_HOSTS.contains(options.host().toLowerCase(Locale.ROOT));
    return loopback ? LOCAL_HOSTS.contains(hostName(host)) : options.mcpAllowedHosts().isEmpty();
  }

  private static boolean originAllowed(String origin, String host, GatewayOptions options) {
    String authority;
    try {
      authority = URI.create(origin).getRawAuthority();
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (authority == null) {
      return false;
    }
    return authority.equalsIgnoreCase(host) || options.corsOrigins().contains(origin) || listed(authority, options)
      || options.dev() && LOCAL_HOSTS.contains(hostName(authority));
  }

  private static boolean listed(String authority, GatewayOptions options) {
    String lower = authority.toLowerCase(Locale.ROOT);
    return options.mcpAllowedHosts().stream().map(allowed -> allowed.toLowerCase(Locale.ROOT))
      .anyMatch(allowed -> allowed.equals(lower) || allowed.equals(hostName(lower)));
  }

  /** The name in {@code host[:port]} (IPv6 literals keep their brackets). */
  private static String hostName(String authority) {
    String lower = authority.toLowerCase(Locale.ROOT);
    int colon = lower.lastIndexOf(':');
    return colon > lower.lastIndexOf(']') ? lower.substring(0, colon) : lower;
  }
}
