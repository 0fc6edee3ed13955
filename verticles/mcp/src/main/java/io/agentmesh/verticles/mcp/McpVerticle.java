package io.agentmesh.verticles.mcp;

import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.mcp.McpSession;
import io.agentmesh.contract.mcp.McpSessionAddresses;
import io.agentmesh.contract.ping.DomainPing;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.agentmesh.storage.DomainPool;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.servicediscovery.ServiceDiscovery;
import io.vertx.sqlclient.Pool;

import java.util.List;

/**
 * The mcp domain: owns schema {@code mcp}, the tool registry's addresses, MCP sessions and the federated MCP
 * servers. PostgreSQL is the registry's truth; every node keeps a catalog loaded from it and reloads it when any node
 * announces a change.
 */
public final class McpVerticle extends VerticleBase {

  private Pool pool;
  private ServiceDiscovery discovery;
  private UpstreamRecords records;
  private Upstreams upstreams;

  @Override
  public Future<?> start() {
    McpOptions options = McpOptions.fromConfig(config());
    return DomainPool.open(vertx, config(), "mcp").compose(opened -> {
      pool = opened;
      ToolStore tools = new ToolStore(pool);
      ToolCatalog catalog = new ToolCatalog();
      ToolRegistry registry = new ToolRegistry(tools, catalog, vertx.eventBus(), options.toolTimeoutMs());
      McpSessions sessions = new McpSessions(vertx, pool);
      McpSubscriptions subscriptions = new McpSubscriptions(pool, vertx.eventBus(), sessions);
      discovery = ServiceDiscovery.create(vertx);
      records = new UpstreamRecords(discovery, config().getString("node_id"));
      upstreams = new Upstreams(vertx, new UpstreamStore(pool), tools, registry, catalog, records,
        options.toolTimeoutMs());
      return registry.reload().compose(loaded -> serve(registry, sessions, subscriptions,
        config().getString("node_id"))).onSuccess(served -> upstreams.start(options.upstreamRefreshMs()));
    });
  }

  private Future<Void> serve(ToolRegistry registry, McpSessions sessions, McpSubscriptions subscriptions,
                             String nodeId) {
    EventBus bus = vertx.eventBus();
    bus.<String>consumer(McpSessionAddresses.TRANSCRIPT_CHANGED, changed -> subscriptions.transcriptChanged(
      changed.body()));
    bus.<String>consumer(ToolsAddresses.CHANGED, changed -> registry.reload());
    bus.<String>consumer(ToolsAddresses.UPSTREAM_CHANGED, changed -> upstreams.reconcile());
    return Future.all(List.of(
        RequestConsumers.serve(bus, ToolsAddresses.REGISTER, registry::register).completion(),
        RequestConsumers.serve(bus, ToolsAddresses.LIST, registry::list).completion(),
        RequestConsumers.serve(bus, ToolsAddresses.GET, registry::get).completion(),
        RequestConsumers.serve(bus, ToolsAddresses.INVOKE, registry::invoke).completion(),
        RequestConsumers.serve(bus, ToolsAddresses.UPSTREAM_ADD, upstreams::add).completion(),
        RequestConsumers.serve(bus, ToolsAddresses.UPSTREAM_LIST, upstreams::list).completion(),
        RequestConsumers.serve(bus, ToolsAddresses.UPSTREAM_GET, upstreams::get).completion(),
        RequestConsumers.serve(bus, ToolsAddresses.UPSTREAM_REMOVE, upstreams::remove).completion(),
        RequestConsumers.serve(bus, ToolsAddresses.UPSTREAM_CALL, upstreams::call).completion(),
        RequestConsumers.serve(bus, McpSessionAddresses.OPEN, sessions::open).completion(),
        RequestConsumers.<McpSession>serve(bus, McpSessionAddresses.CHECK, sessions::check).completion(),
        RequestConsumers.serve(bus, McpSessionAddresses.CLOSE, sessions::close).completion(),
        RequestConsumers.serve(bus, McpSessionAddresses.SET_LEVEL, sessions::setLevel).completion(),
        RequestConsumers.serve(bus, McpSessionAddresses.SUBSCRIBE, subscriptions::subscribe).completion(),
        RequestConsumers.serve(bus, McpSessionAddresses.UNSUBSCRIBE, subscriptions::unsubscribe).completion(),
        DomainPing.answer(vertx, "mcp", nodeId)))
      .onSuccess(ready -> bus.publish(ToolsAddresses.REGISTRY_STARTED, nodeId))
      .mapEmpty();
  }

  @Override
  public Future<?> stop() {
    if (upstreams != null) {
      upstreams.stop();
    }
    return RequestConsumers.retire()
      .eventually(() -> records == null ? Future.succeededFuture() : records.unpublishAll())
      .eventually(() -> {
        if (discovery != null) {
          discovery.close();
        }
        return pool == null ? Future.succeededFuture() : pool.close();
      });
  }
}
