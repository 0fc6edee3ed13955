package io.agentmesh.verticles.gateway.http;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.Principal;
import io.agentmesh.verticles.gateway.GatewayOptions;
import io.agentmesh.verticles.gateway.security.ClientAddress;
import io.agentmesh.verticles.gateway.security.Principals;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Set;

/**
 * Requests to domains on behalf of an HTTP caller: the principal and request id go in headers, the send timeout is
 * short. When {@code preferLocal} is on and this node runs the domain, the request stays on this node: Vert.x would
 * otherwise spread sends round-robin over every node with a consumer, paying a network hop for most of them. A
 * request that finds no local consumer was never delivered, so it is safe to send it again cluster-wide.
 */
public final class BusClient {

  private final EventBus bus;
  private final long sendTimeoutMs;
  private final boolean preferLocal;
  private final Set<String> trustedProxies;

  public BusClient(EventBus bus, GatewayOptions options) {
    this.bus = bus;
    this.sendTimeoutMs = options.sendTimeoutMs();
    this.preferLocal = options.preferLocal();
    this.trustedProxies = options.trustedProxies();
  }

  public <T> Future<T> request(String address, Object body, Principal principal, String requestId) {
    return request(address, body, BusHeaders.deliveryOptions(principal, requestId, sendTimeoutMs));
  }

  /** A request for the caller of {@code ctx}: principal, request id, client address and user agent in headers. */
  public <T> Future<T> request(String address, Object body, RoutingContext ctx) {
    return request(address, body, ctx, Map.of());
  }

  /** As above, with {@code headers} added (an MCP call's channel back to this instance). */
  public <T> Future<T> request(String address, Object body, RoutingContext ctx, Map<String, String> headers) {
    DeliveryOptions options = BusHeaders.deliveryOptions(Principals.of(ctx), RequestIds.of(ctx), sendTimeoutMs);
    options.addHeader(BusHeaders.CLIENT_ADDRESS, ClientAddress.of(ctx, trustedProxies));
    String userAgent = ctx.request().getHeader("User-Agent");
    if (userAgent != null) {
      options.addHeader(BusHeaders.USER_AGENT, userAgent.length() > 200 ? userAgent.substring(0, 200) : userAgent);
    }
    headers.forEach(options::addHeader);
    return request(address, body, options);
  }

  private <T> Future<T> request(String address, Object body, DeliveryOptions options) {
    if (!preferLocal) {
      return bus.<T>request(address, body, options).map(reply -> reply.body());
    }
    return bus.<T>request(address, body, new DeliveryOptions(options).setLocalOnly(true))
      .recover(failure -> noHandlers(failure) ? bus.request(address, body, options) : Future.failedFuture(failure))
      .map(reply -> reply.body());
  }

  public long sendTimeoutMs() {
    return sendTimeoutMs;
  }

  private static boolean noHandlers(Throwable failure) {
    return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
