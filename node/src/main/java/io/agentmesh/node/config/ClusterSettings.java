package io.agentmesh.node.config;

import java.util.Arrays;
import java.util.List;

/**
 * Where this node listens for the cluster and whom it joins. The event bus shares the host; TLS settings make the
 * bus refuse peers without a certificate signed by the configured trust.
 */
public record ClusterSettings(String configFile, String name, String host, int port, int busPort,
                              List<String> members, boolean tls, String keyPem, String certPem, String trustPem) {

  static ClusterSettings from(ConfigReader read) {
    List<String> members = Arrays.stream(read.string("cluster.members").split(","))
      .map(String::trim).filter(s -> !s.isEmpty()).toList();
    boolean tls = read.bool("bus.tls");
    ClusterSettings settings = new ClusterSettings(read.string("cluster.config"), read.string("cluster.name"),
      read.string("cluster.host"), read.integer("cluster.port", 1, 65535), read.integer("bus.port", 0, 65535),
      members, tls,
      read.string("bus.key_pem"), read.string("bus.cert_pem"), read.string("bus.trust_pem"));
    if (tls && (settings.keyPem.isEmpty() || settings.certPem.isEmpty() || settings.trustPem.isEmpty())) {
      throw new ConfigException("bus.tls", "needs bus.key_pem, bus.cert_pem and bus.trust_pem");
    }
    if (settings.name.isEmpty()) {
      throw new ConfigException("cluster.name", "must not be empty");
    }
    return settings;
  }
}
