package io.agentmesh.contract.ping;

import io.agentmesh.contract.RequestConsumers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.regex.Pattern;

/**
 * The ping contract every domain honours: {@code <domain>.ping} answers with a {@link PingReply}. The gateway's
 * {@code /api/v1/ping} and the node's readiness check both use it.
 */
public final class DomainPing {

  /** What a domain name may look like; it is also the domain's PostgreSQL schema name. */
  public static final Pattern DOMAIN_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,31}$");

  private DomainPing() {
  }

  public static String address(String domain) {
    return domain + ".ping";
  }

  /** Registers the ping consumer of a domain verticle; it stops answering once the domain retires its requests. */
  public static Future<Void> answer(Vertx vertx, String domain, String nodeId) {
    PingReply reply = new PingReply(domain, nodeId);
    return RequestConsumers.serve(vertx.eventBus(), address(domain), message -> Future.succeededFuture(reply))
      .completion();
  }
}
