package io.agentmesh.testing;

import com.hazelcast.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.UUID;

/**
 * Clustered Vert.x instances inside one test JVM, joining fast over loopback. Each test picks its own cluster name
 * so concurrent or leftover members never mix.
 */
public final class TestClusters {

  private TestClusters() {
  }

  public static String newClusterName() {
    return "test-" + UUID.randomUUID();
  }

  public static Config hazelcastConfig(String clusterName) {
    Config config = new Config().setClusterName(clusterName);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.tcp.join.port.try.count", "30");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    config.getNetworkConfig().setPort(5701).setPortAutoIncrement(true).setPortCount(100);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1")
      .setConnectionTimeoutSeconds(1);
    return config;
  }

  public static Future<Vertx> clusteredVertx(String clusterName, VertxOptions options) {
    options.getEventBusOptions().setHost("127.0.0.1");
    return Vertx.builder().with(options)
      .withClusterManager(new HazelcastClusterManager(hazelcastConfig(clusterName)))
      .buildClustered();
  }

  public static Future<Vertx> clusteredVertx(String clusterName) {
    return clusteredVertx(clusterName, new VertxOptions());
  }
}
