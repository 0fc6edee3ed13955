package io.agentmesh.node;

import io.agentmesh.contract.EventBusCodecs;
import io.agentmesh.contract.node.NodeAddresses;
import io.agentmesh.node.cluster.ClusterDirectory;
import io.agentmesh.node.cluster.ClusterSetup;
import io.agentmesh.node.config.NodeConfig;
import io.agentmesh.node.config.RoleSpec;
import io.agentmesh.storage.DomainPool;
import io.agentmesh.storage.RedisClients;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.redis.client.Redis;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One running node: a clustered Vert.x with the verticles of its roles. {@link #start} and {@link #stop} block the
 * calling thread (the launcher's main thread, a shutdown hook or a test), never an event loop.
 */
public final class Node {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final NodeConfig config;
  private final StorageEndpoints storage;
  private final Vertx vertx;
  private final String nodeId;
  private final String metricsRegistry;
  private final List<String> gatewayDeployments = new ArrayList<>();
  private final List<String> domainDeployments = new ArrayList<>();
  private ClusterDirectory directory;
  private Pool healthPool;
  private Redis healthRedis;
  private volatile boolean stopped;

  private Node(NodeConfig config, StorageEndpoints storage, Vertx vertx, String nodeId, String metricsRegistry) {
    this.config = config;
    this.metricsRegistry = metricsRegistry;
    this.storage = storage;
    this.vertx = vertx;
    this.nodeId = nodeId;
  }

  public static Node start(NodeConfig config) {
    long begin = System.nanoTime();
    // The embedded servers and the cluster join are independent and each takes seconds: both at once.
    CompletableFuture<StorageEndpoints> storageStarted = CompletableFuture.supplyAsync(() -> openStorage(config),
      task -> new Thread(task, "agentmesh-storage-start").start());
    HazelcastClusterManager cluster = ClusterSetup.clusterManager(config.cluster());
    String metricsRegistry = "agentmesh-" + UUID.randomUUID();
    Future<Vertx> joined = Vertx.builder().with(vertxOptions(config, metricsRegistry)).withClusterManager(cluster)
      .buildClustered();
    StorageEndpoints storage;
    try {
      storage = storageStarted.join();
    } catch (CompletionException e) {
      joined.onSuccess(Vertx::close);
      throw e.getCause() instanceof StartupException startup ? startup
        : new StartupException("cannot start embedded servers: " + e.getCause().getMessage());
    }
    Vertx vertx;
    try {
      vertx = Blocking.await(joined, START_TIMEOUT);
    } catch (RuntimeException e) {
      storage.close();
      throw new StartupException("cannot join the cluster: " + e.getMessage());
    }
    Node node = new Node(config, storage, vertx, cluster.getNodeId(), metricsRegistry);
    try {
      node.boot(cluster);
    } catch (RuntimeException e) {
      node.stop();
      throw e instanceof StartupException ? e : new StartupException(e.getMessage());
    }
    LOG.info("Node {} ready in {} ms with roles {}", node.nodeId, (System.nanoTime() - begin) / 1_000_000,
      config.roleNames());
    return node;
  }

  private static StorageEndpoints openStorage(NodeConfig config) {
    try {
      return StorageEndpoints.open(config);
    } catch (StartupException e) {
      throw e;
    } catch (Exception e) {
      throw new StartupException("cannot start embedded servers: " + e.getMessage());
    }
  }

  private void boot(HazelcastClusterManager cluster) {
    EventBusCodecs.register(vertx);
    healthPool = DomainPool.create(vertx, storage.postgres(), "public", 2);
    healthRedis = RedisClients.create(vertx, storage.redis());
    Blocking.await(StartupChecks.reachable(healthPool, healthRedis, storage), START_TIMEOUT);
    Blocking.await(StartupChecks.connectionBudget(healthPool, config), START_TIMEOUT);
    List<String> domains = config.roles().stream().filter(RoleSpec::isDomain).map(RoleSpec::name).toList();
    // domains are independent of each other: deploy them together (each migrates its own schema)
    List<Future<String>> domainsDeployed = config.roles().stream().filter(RoleSpec::isDomain).map(this::deploy)
      .toList();
    Blocking.await(Future.join(domainsDeployed), START_TIMEOUT);
    domainsDeployed.stream().filter(Future::succeeded).forEach(d -> domainDeployments.add(d.result()));
    domainsDeployed.stream().filter(Future::failed).findFirst().ifPresent(failed -> {
      throw failed.cause() instanceof RuntimeException e ? e : new StartupException(failed.cause().getMessage());
    });
    Blocking.await(new NodeHealthService(vertx, nodeId, healthPool, healthRedis, cluster, domains).serve(),
      START_TIMEOUT);
    for (RoleSpec role : config.roles()) {
      if (!role.isDomain()) {
        gatewayDeployments.add(Blocking.await(deploy(role), START_TIMEOUT));
      }
    }
    directory = new ClusterDirectory(vertx, nodeId);
    Blocking.await(directory.publish(config.roleNames(), domains, config.httpPort()), START_TIMEOUT);
    directory.pruneDepartedMembers(cluster);
    vertx.eventBus().publish(NodeAddresses.READY, nodeId, new DeliveryOptions().setLocalOnly(true));
  }

  private Future<String> deploy(RoleSpec role) {
    JsonObject verticleConfig = config.json().copy()
      .put("node_id", nodeId)
      .put("role", role.name())
      .put("metrics_registry", config.metricsEnabled() ? metricsRegistry : null)
      .put("node_roles", config.roleNames())
      .put(NodeAddresses.AWAIT_READY_KEY, true);
    verticleConfig.getJsonObject("postgres").put("url", storage.postgres().url());
    verticleConfig.getJsonObject("redis").put("url", storage.redis());
    DeploymentOptions options = new DeploymentOptions().setInstances(role.instances()).setConfig(verticleConfig);
    return vertx.deployVerticle(role.verticle(), options)
      .recover(failure -> Future.failedFuture(new StartupException("cannot deploy role " + role.name() + " ("
        + role.verticle() + "): " + failure.getMessage())));
  }

  /**
   * Leaves cleanly: the gateway stops taking requests and lets in-flight ones finish (bounded by
   * {@code node.shutdown_grace_ms}), then the domains' consumers go (callers get 503 at once rather than waiting
   * for failure detection), then this node's discovery records, then it leaves the cluster.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    Duration bound = Duration.ofMillis(config.shutdownGraceMs()).plusSeconds(30);
    LOG.info("Node {} stopping", nodeId);
    undeployAll(gatewayDeployments, bound);
    LOG.info("Node {}: HTTP drained", nodeId);
    undeployAll(domainDeployments, bound);
    LOG.info("Node {}: domain consumers unregistered", nodeId);
    if (directory != null) {
      Blocking.awaitQuietly(directory.unpublishOwn(), bound);
    }
    if (healthPool != null) {
      Blocking.awaitQuietly(healthPool.close(), bound);
    }
    Blocking.awaitQuietly(vertx.close(), bound);
    LOG.info("Node {}: left the cluster", nodeId);
    storage.close();
    LOG.info("Node {} stopped", nodeId);
  }

  private void undeployAll(List<String> deployments, Duration bound) {
    Blocking.awaitQuietly(Future.join(deployments.stream().map(vertx::undeploy).toList()), bound);
    deployments.clear();
  }

  public Vertx vertx() {
    return vertx;
  }

  public String nodeId() {
    return nodeId;
  }

  public NodeConfig config() {
    return config;
  }

  private static VertxOptions vertxOptions(NodeConfig config, String metricsRegistry) {
    VertxOptions options = new VertxOptions().setEventBusOptions(ClusterSetup.eventBusOptions(config.cluster()));
    if (config.metricsEnabled()) {
      options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setRegistryName(metricsRegistry)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    }
    return options;
  }
}
