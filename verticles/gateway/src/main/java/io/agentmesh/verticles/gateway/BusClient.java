package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.Principal;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests to domains on behalf of an HTTP caller: the principal and request id go in headers, the send timeout is
 * short. When {@code preferLocal} is on and this node runs the domain, the request stays on this node: Vert.x would
 * otherwise spread sends round-robin over every node with a consumer, paying a network hop for most of them. A
 * request that finds no local consumer was never delivered, so it is safe to send it again cluster-wide.
 */
final class BusClient {

  private final EventBus bus;
  private final long sendTimeoutMs;
  private final boolean preferLocal;
  private final java.util.Set<String> trustedProxies;

  BusClient(EventBus bus, GatewayOptions options) {
    this.bus = bus;
    this.sendTimeoutMs = options.sendTimeoutMs();
    this.preferLocal = options.preferLocal();
    this.trustedProxies = options.trustedProxies();
  }

  <T> Future<T> request(String address, Object body, Principal principal, String requestId) {
    return request(address, body, BusHeaders.deliveryOptions(principal, requestId, sendTimeoutMs));
  }

  /** A request for the caller of {@code ctx}: principal, request id, client address and user agent in headers. */
  <T> Future<T> request(String address, Object body, RoutingContext ctx) {
    return request(address, body, ctx, java.util.Map.of());
  }

  /** As above, with {@code headers} added (an MCP call's channel back to this instance). */
  <T> Future<T> request(String address, Object body, RoutingContext ctx, java.util.Map<String, String> headers) {
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

  long sendTimeoutMs() {
    return sendTimeoutMs;
  }

  private static boolean noHandlers(Throwable failure) {
    return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
