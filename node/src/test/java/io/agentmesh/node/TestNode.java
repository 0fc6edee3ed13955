package io.agentmesh.node;

import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A node a test class runs against, as a JUnit 5 extension: declared as a static {@code @RegisterExtension} field, it
 * starts before the class's tests and stops after them, with a blocking HTTP client on its gateway. Nodes declared
 * with the same {@link #inCluster cluster} join each other; they start in declaration order and stop in reverse.
 * A test that starts a node mid-way uses {@link #start()} and {@link #close()} itself.
 */
public final class TestNode implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private final String roles;
  private final List<Consumer<JsonObject>> overrides = new ArrayList<>();
  private String cluster = TestClusters.newClusterName();
  private JsonObject config;
  private Node node;
  private Api api;
  private int port;

  private TestNode(String roles) {
    this.roles = roles;
  }

  /** A node with these roles (comma-separated), in a cluster of its own unless {@link #inCluster} says otherwise. */
  public static TestNode withRoles(String roles) {
    return new TestNode(roles);
  }

  public TestNode inCluster(String clusterName) {
    this.cluster = clusterName;
    return this;
  }

  /** Changes the test configuration ({@link TestNodes#config}) before the node starts; applied in order. */
  public TestNode configure(Consumer<JsonObject> override) {
    overrides.add(override);
    return this;
  }

  public TestNode start() {
    config = TestNodes.config(cluster, FreePorts.next());
    overrides.forEach(override -> override.accept(config));
    node = TestNodes.start(config, roles);
    port = node.config().httpPort();
    api = new Api(node.config().httpPort());
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    if (api != null) {
      api.close();
      api = null;
    }
    if (node != null) {
      node.stop();
      node = null;
    }
  }

  public Node node() {
    return node;
  }

  public String nodeId() {
    return node.nodeId();
  }

  /** The node's own Vert.x instance, for sending on its event bus. */
  public Vertx vertx() {
    return node.vertx();
  }

  /** The gateway's port; still known after the node stopped, for tests of what a stopped node leaves behind. */
  public int port() {
    return port;
  }

  public String clusterName() {
    return cluster;
  }

  /** The configuration the node started with. */
  public JsonObject config() {
    return config;
  }

  /** A blocking HTTP client on this node's gateway, closed with the node. */
  public Api api() {
    return api;
  }

  /** An access token of the bootstrapped administrator. */
  public String adminToken() {
    return api.accessToken(TestNodes.ADMIN, TestNodes.ADMIN_PASSWORD);
  }
}
