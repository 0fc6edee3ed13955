package io.agentmesh.node;

import io.agentmesh.node.config.NodeConfig;
import io.agentmesh.node.probe.ProbeVerticle;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.SharedInfra;
import io.agentmesh.testing.ShippedConfig;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Node configurations for tests: the shipped defaults, the shared embedded servers, a private cluster name, rate
 * limits off unless a test turns them on.
 */
public final class TestNodes {

  /** The administrator every test node bootstraps (in the shared database it is created once). */
  public static final String ADMIN = "root";
  public static final String ADMIN_PASSWORD = "root password for tests only";

  private TestNodes() {
  }

  /** Defaults plus the probe role, pointing at the test JVM's shared PostgreSQL and Redis. */
  public static JsonObject config(String clusterName, int httpPort) {
    JsonObject json = defaults();
    json.getJsonObject("http").put("port", httpPort);
    json.getJsonObject("cluster").put("name", clusterName);
    json.getJsonObject("postgres").put("url", SharedInfra.postgresUrl());
    json.getJsonObject("redis").put("url", SharedInfra.redisUrl());
    json.getJsonObject("node").put("data_dir", SharedInfra.tempDir("node").toString()).put("shutdown_grace_ms", 5000);
    json.getJsonObject("rate_limit").put("enabled", false);
    json.getJsonObject("auth").put("bootstrap_admin_username", ADMIN).put("bootstrap_admin_password", ADMIN_PASSWORD);
    json.getJsonObject("roles").put("probe", new JsonObject()
      .put("verticle", ProbeVerticle.class.getName()).put("instances", 1));
    return json;
  }

  public static Node start(JsonObject json, String roles) {
    return Node.start(NodeConfig.from(json, roles));
  }

  public static Node start(String clusterName, String roles) {
    return start(config(clusterName, FreePorts.next()), roles);
  }

  public static JsonObject defaults() {
    return ShippedConfig.defaults();
  }

  public static Path writeConfig(JsonObject json) throws IOException {
    Path file = Files.createTempFile("agentmesh-node", ".json");
    Files.writeString(file, json.encodePrettily());
    file.toFile().deleteOnExit();
    return file;
  }
}
