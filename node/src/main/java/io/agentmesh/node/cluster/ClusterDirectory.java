package io.agentmesh.node.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.agentmesh.contract.discovery.DiscoveryRecords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes this node and each domain it runs as service-discovery records (a cluster-wide map), so the gateway and
 * operators see which domains are up where. Records of a member that left without saying so (SIGKILL) are removed
 * when Hazelcast reports it gone; every member does so, which is harmless since unpublishing is idempotent.
 */
public final class ClusterDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterDirectory.class);

  private final Vertx vertx;
  private final ServiceDiscovery discovery;
  private final String nodeId;
  private final List<String> published = new ArrayList<>();

  public ClusterDirectory(Vertx vertx, String nodeId) {
    this.vertx = vertx;
    this.discovery = ServiceDiscovery.create(vertx);
    this.nodeId = nodeId;
  }

  public Future<Void> publish(List<String> roles, List<String> domains, int httpPort) {
    List<Future<Record>> publications = new ArrayList<>();
    publications.add(discovery.publish(new Record().setName("node:" + nodeId).setType(DiscoveryRecords.NODE_TYPE)
      .setMetadata(new JsonObject()
        .put(DiscoveryRecords.NODE_ID, nodeId)
        .put(DiscoveryRecords.ROLES, new JsonArray(roles))
        .put(DiscoveryRecords.HTTP_PORT, roles.contains("gateway") ? httpPort : null)
        .put(DiscoveryRecords.STARTED_AT, Instant.now().toString()))));
    for (String domain : domains) {
      publications.add(discovery.publish(new Record().setName("domain:" + domain + "@" + nodeId)
        .setType(DiscoveryRecords.DOMAIN_TYPE)
        .setLocation(new JsonObject().put("endpoint", domain + ".ping"))
        .setMetadata(new JsonObject().put(DiscoveryRecords.NODE_ID, nodeId).put(DiscoveryRecords.DOMAIN, domain))));
    }
    return Future.all(publications).onSuccess(all -> all.<Record>list()
      .forEach(record -> published.add(record.getRegistration()))).mapEmpty();
  }

  /** Watches membership and drops the records of members that are gone. */
  public void pruneDepartedMembers(HazelcastClusterManager cluster) {
    cluster.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        vertx.runOnContext(ignored -> removeRecordsNotIn(cluster.getNodes()));
      }
    });
    removeRecordsNotIn(cluster.getNodes());
  }

  private void removeRecordsNotIn(List<String> liveNodes) {
    discovery.getRecords(record -> true, true)
      .onSuccess(records -> records.stream()
        .filter(record -> record.getMetadata().getString(DiscoveryRecords.NODE_ID) != null)
        .filter(record -> !liveNodes.contains(record.getMetadata().getString(DiscoveryRecords.NODE_ID)))
        .forEach(record -> {
          LOG.info("Removing discovery record {} of departed node", record.getName());
          discovery.unpublish(record.getRegistration());
        }));
  }

  public Future<Void> unpublishOwn() {
    List<Future<Void>> removals = published.stream().map(discovery::unpublish).toList();
    published.clear();
    return Future.join(removals).<Void>mapEmpty().otherwiseEmpty().onComplete(done -> discovery.close());
  }

}
