package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.discovery.DiscoveryRecords;
import io.agentmesh.verticles.gateway.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /api/v1/cluster}: the nodes of the cluster, their roles, and which domains run where. */
public final class ClusterRoutes {

  private final ServiceDiscovery discovery;

  public ClusterRoutes(ServiceDiscovery discovery) {
    this.discovery = discovery;
  }

  public void describe(RoutingContext ctx) {
    discovery.getRecords(record -> true)
      .onSuccess(records -> Responses.json(ctx, 200, describe(records)))
      .onFailure(ctx::fail);
  }

  public static JsonObject describe(List<Record> records) {
    Map<String, JsonObject> nodes = new TreeMap<>();
    Map<String, JsonArray> domains = new TreeMap<>();
    for (Record record : records) {
      JsonObject meta = record.getMetadata();
      String nodeId = meta.getString(DiscoveryRecords.NODE_ID);
      if (DiscoveryRecords.NODE_TYPE.equals(record.getType())) {
        nodes.computeIfAbsent(nodeId, ClusterRoutes::emptyNode)
          .put("roles", meta.getJsonArray(DiscoveryRecords.ROLES))
          .put("http_port", meta.getInteger(DiscoveryRecords.HTTP_PORT))
          .put("started_at", meta.getString(DiscoveryRecords.STARTED_AT));
      } else if (DiscoveryRecords.DOMAIN_TYPE.equals(record.getType())) {
        String domain = meta.getString(DiscoveryRecords.DOMAIN);
        nodes.computeIfAbsent(nodeId, ClusterRoutes::emptyNode).getJsonArray("domains").add(domain);
        domains.computeIfAbsent(domain, d -> new JsonArray()).add(nodeId);
      }
    }
    JsonObject byDomain = new JsonObject();
    domains.forEach(byDomain::put);
    return new JsonObject()
      .put("object", "cluster")
      .put("nodes", new JsonArray(List.copyOf(nodes.values())))
      .put("domains", byDomain);
  }

  private static JsonObject emptyNode(String nodeId) {
    return new JsonObject().put("node_id", nodeId).put("roles", new JsonArray()).put("domains", new JsonArray());
  }
}
