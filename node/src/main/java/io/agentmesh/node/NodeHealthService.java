package io.agentmesh.node;

import io.agentmesh.contract.node.NodeAddresses;
import io.agentmesh.contract.node.NodeHealth;
import io.agentmesh.contract.ping.DomainPing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;

import java.util.List;

/**
 * This node's readiness: PostgreSQL, Redis, cluster membership and each domain deployed here. Served on the local
 * address {@link NodeAddresses#HEALTH} for the gateway's {@code /health/ready}.
 */
final class NodeHealthService {

  private static final long CHECK_TIMEOUT_MS = 2000;

  private final Vertx vertx;
  private final String nodeId;
  private final HealthChecks checks;

  NodeHealthService(Vertx vertx, String nodeId, Pool postgres, Redis redis, HazelcastClusterManager cluster,
                    List<String> domains) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.checks = HealthChecks.create(vertx)
      .register("postgres", CHECK_TIMEOUT_MS, p -> postgres.query("SELECT 1").execute()
        .map(rows -> Status.OK()).onComplete(p))
      .register("redis", CHECK_TIMEOUT_MS, p -> redis.send(Request.cmd(Command.PING))
        .map(reply -> Status.OK()).onComplete(p))
      .register("cluster", CHECK_TIMEOUT_MS, p -> p.complete(cluster.isActive()
        && cluster.getNodes().contains(nodeId) ? Status.OK() : Status.KO()));
    for (String domain : domains) {
      checks.register("domain:" + domain, CHECK_TIMEOUT_MS, p -> vertx.eventBus()
        .request(DomainPing.address(domain), null, new DeliveryOptions().setLocalOnly(true)
          .setSendTimeout(CHECK_TIMEOUT_MS))
        .map(reply -> Status.OK()).onComplete(p));
    }
  }

  Future<Void> serve() {
    MessageConsumer<Object> consumer = vertx.eventBus().localConsumer(NodeAddresses.HEALTH);
    consumer.handler(message -> report().onSuccess(message::reply)
      .onFailure(failure -> message.fail(500, failure.getMessage())));
    return consumer.completion();
  }

  Future<NodeHealth> report() {
    return checks.checkStatus().map(result -> new NodeHealth(nodeId, result.getChecks().stream()
      .map(NodeHealthService::toCheck).toList()));
  }

  private static NodeHealth.Check toCheck(CheckResult result) {
    boolean up = Boolean.TRUE.equals(result.getUp());
    String detail = up ? null : detail(result);
    return new NodeHealth.Check(result.getId(), up, detail);
  }

  private static String detail(CheckResult result) {
    if (result.getFailure() != null && result.getFailure().getMessage() != null) {
      return result.getFailure().getMessage();
    }
    return result.getData() != null && result.getData().containsKey("cause")
      ? result.getData().getString("cause") : "down";
  }
}
