package io.agentmesh.verticles.mcp;

import io.agentmesh.contract.discovery.DiscoveryRecords;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Service-discovery records of the federated MCP servers this node is connected to (type
 * {@link DiscoveryRecords#UPSTREAM_TYPE}), so operators see them beside the nodes and domains. Never credentials.
 */
final class UpstreamRecords {

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamRecords.class);

  private final ServiceDiscovery discovery;
  private final String nodeId;
  private final Map<String, String> registrations = new HashMap<>();

  UpstreamRecords(ServiceDiscovery discovery, String nodeId) {
    this.discovery = discovery;
    this.nodeId = nodeId;
  }

  void publish(String name, String url) {
    Record record = new Record().setName("mcp-upstream:" + name).setType(DiscoveryRecords.UPSTREAM_TYPE)
      .setLocation(new JsonObject().put("endpoint", url))
      .setMetadata(new JsonObject().put(DiscoveryRecords.UPSTREAM, name).put(DiscoveryRecords.NODE_ID, nodeId));
    discovery.publish(record)
      .onSuccess(published -> registrations.put(name, published.getRegistration()))
      .onFailure(failure -> LOG.warn("Cannot publish the record of MCP server {}: {}", name, failure.getMessage()));
  }

  void unpublish(String name) {
    String registration = registrations.remove(name);
    if (registration != null) {
      discovery.unpublish(registration);
    }
  }

  Future<Void> unpublishAll() {
    List<Future<Void>> done = new ArrayList<>();
    registrations.values().forEach(registration -> done.add(discovery.unpublish(registration)));
    registrations.clear();
    return Future.join(done).mapEmpty();
  }
}
