package io.agentmesh.verticles.gateway.security;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * The client's address: the socket's, or, when the socket is a trusted proxy, the right-most address in
 * X-Forwarded-For that is not itself a trusted proxy. Untrusted callers cannot choose their address.
 */
public final class ClientAddress {

  private static final String KEY = "client_address";

  private ClientAddress() {
  }

  public static String of(RoutingContext ctx, Set<String> trustedProxies) {
    String cached = ctx.get(KEY);
    if (cached != null) {
      return cached;
    }
    SocketAddress socket = ctx.request().remoteAddress();
    String address = socket == null ? "unknown" : socket.hostAddress();
    String forwarded = ctx.request().getHeader("X-Forwarded-For");
    if (forwarded != null && trustedProxies.contains(address)) {
      String[] hops = forwarded.split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].trim();
        if (!hop.isEmpty()) {
          address = hop;
          if (!trustedProxies.contains(hop)) {
            break;
          }
        }
      }
    }
    ctx.put(KEY, address);
    return address;
  }
}
