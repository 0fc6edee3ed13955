package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.discovery.DiscoveryRecords;
import io.agentmesh.contract.ping.DomainPing;
import io.agentmesh.contract.ping.PingReply;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.http.RequestIds;
import io.agentmesh.verticles.gateway.http.Responses;
import io.agentmesh.verticles.gateway.security.Principals;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.servicediscovery.ServiceDiscovery;

import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET /api/v1/ping?domain=x}: a round trip over the bus to a domain, answered by whichever node runs it.
 * Without {@code domain}, every domain known to service discovery is pinged and reported.
 */
public final class PingRoutes {

  private final BusClient bus;
  private final ServiceDiscovery discovery;

  public PingRoutes(BusClient bus, ServiceDiscovery discovery) {
    this.bus = bus;
    this.discovery = discovery;
  }

  public void ping(RoutingContext ctx) {
    String domain = ctx.queryParams().get("domain");
    if (domain == null) {
      pingAll(ctx);
      return;
    }
    if (!DomainPing.DOMAIN_NAME.matcher(domain).matches()) {
      ctx.fail(DomainException.validation(List.of(new FieldError("domain",
        "must be a domain name: lower case letters, digits and _, starting with a letter, at most 32"))));
      return;
    }
    pingOne(ctx, domain).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  private Future<JsonObject> pingOne(RoutingContext ctx, String domain) {
    long start = System.nanoTime();
    return bus.<PingReply>request(DomainPing.address(domain), null, Principals.of(ctx), RequestIds.of(ctx))
      .map(reply -> new JsonObject()
        .put("domain", reply.domain())
        .put("status", "up")
        .put("node_id", reply.nodeId())
        .put("latency_ms", (System.nanoTime() - start) / 1_000_000.0))
      .recover(failure -> Future.failedFuture(unavailable(domain, failure)));
  }

  private void pingAll(RoutingContext ctx) {
    discovery.getRecords(record -> DiscoveryRecords.DOMAIN_TYPE.equals(record.getType()))
      .compose(records -> {
        TreeSet<String> domains = new TreeSet<>();
        records.forEach(record -> domains.add(record.getMetadata().getString(DiscoveryRecords.DOMAIN)));
        List<Future<JsonObject>> pings = domains.stream()
          .map(domain -> pingOne(ctx, domain).recover(failure -> Future.succeededFuture(new JsonObject()
            .put("domain", domain).put("status", "down").put("detail", failure.getMessage()))))
          .toList();
        return Future.all(pings);
      })
      .onSuccess(all -> Responses.json(ctx, 200, new JsonObject()
        .put("object", "ping_report")
        .put("domains", new JsonArray(all.<JsonObject>list()))))
      .onFailure(ctx::fail);
  }

  private Throwable unavailable(String domain, Throwable failure) {
    if (!(failure instanceof ReplyException reply) || failure instanceof DomainException) {
      return failure;
    }
    return switch (reply.failureType()) {
      case NO_HANDLERS -> new DomainException(ErrorCode.UNAVAILABLE, "No node runs domain " + domain + " right now.");
      case TIMEOUT -> new DomainException(ErrorCode.UNAVAILABLE, "Domain " + domain + " did not answer within "
        + bus.sendTimeoutMs() + " ms.");
      default -> new DomainException(ErrorCode.UNAVAILABLE, "Domain " + domain + " could not be reached.");
    };
  }
}
