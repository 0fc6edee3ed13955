package io.agentmesh.node.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.agentmesh.node.config.ClusterSettings;
import io.agentmesh.node.config.ConfigException;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns {@code cluster.xml} plus this node's cluster settings into a Hazelcast cluster manager and event-bus options.
 */
public final class ClusterSetup {

  private ClusterSetup() {
  }

  public static HazelcastClusterManager clusterManager(ClusterSettings settings) {
    Config config = load(settings.configFile());
    config.setClusterName(settings.name());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(true);
    if (!settings.host().equals("0.0.0.0")) {
      // Listen on that interface only: without bind.any=false Hazelcast also binds the wildcard address.
      network.getInterfaces().setEnabled(true).addInterface(settings.host());
      config.setProperty("hazelcast.local.localAddress", settings.host());
      config.setProperty("hazelcast.socket.bind.any", "false");
    }
    TcpIpConfig tcp = network.getJoin().getTcpIpConfig();
    tcp.setEnabled(true).setMembers(settings.members());
    network.getJoin().getMulticastConfig().setEnabled(false);
    return new HazelcastClusterManager(config);
  }

  public static EventBusOptions eventBusOptions(ClusterSettings settings) {
    EventBusOptions options = new EventBusOptions().setPort(settings.busPort());
    if (!settings.host().equals("0.0.0.0")) {
      options.setHost(settings.host());
    }
    if (settings.tls()) {
      options.setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setKeyPath(settings.keyPem()).setCertPath(settings.certPem()))
        .setTrustOptions(new PemTrustOptions().addCertPath(settings.trustPem()))
        .setClientAuth(ClientAuth.REQUIRED);
    }
    return options;
  }

  private static Config load(String file) {
    Path path = Path.of(file);
    try (InputStream in = Files.exists(path) ? Files.newInputStream(path)
      : ClusterSetup.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        throw new ConfigException("cluster.config", "no file " + path.toAbsolutePath() + " nor classpath resource "
          + file);
      }
      return new XmlConfigBuilder(in).build();
    } catch (IOException e) {
      throw new ConfigException("cluster.config", "cannot read " + file + ": " + e.getMessage());
    }
  }
}
