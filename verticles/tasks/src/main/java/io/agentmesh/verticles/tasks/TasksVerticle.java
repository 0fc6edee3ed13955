package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.agents.AgentEvent;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.UserDeleted;
import io.agentmesh.contract.discovery.DiscoveryRecords;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.memory.SessionDeleted;
import io.agentmesh.contract.node.NodeAddresses;
import io.agentmesh.contract.ping.DomainPing;
import io.agentmesh.contract.tasks.TaskDraft;
import io.agentmesh.contract.tasks.TaskEventQuery;
import io.agentmesh.contract.tasks.TaskQuery;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.storage.DomainPool;
import io.agentmesh.verticles.tasks.providers.Providers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The tasks domain: owns schema {@code tasks}, the {@code tasks.*} addresses and this node's workers. PostgreSQL is
 * the only truth about a task; the bus only wakes workers and carries events to streams.
 */
public final class TasksVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TasksVerticle.class);

  private Pool pool;
  private TaskWorker worker;
  private AgentLoop loop;
  private ServiceDiscovery discovery;
  private final List<String> records = new ArrayList<>();

  @Override
  public Future<?> start() {
    TaskOptions options = TaskOptions.fromConfig(config());
    String owner = config().getString("node_id", "standalone") + "/" + deploymentID();
    return DomainPool.open(vertx, config(), "tasks").compose(opened -> {
      pool = opened;
      TaskStore store = new TaskStore(pool);
      TaskQueue queue = new TaskQueue(pool);
      TaskEventLog log = new TaskEventLog(pool);
      Outbox outbox = new Outbox(vertx, pool);
      Providers providers = new Providers(vertx, config().getJsonObject("providers", new JsonObject()));
      loop = new AgentLoop(vertx, queue, log, providers, options, outbox);
      worker = new TaskWorker(vertx, queue, log, loop, options, owner);
      SessionOwners owners = new SessionOwners();
      TaskService tasks = new TaskService(store, queue, log, worker, owners, vertx.eventBus(), options);
      ModelCompletions completions = new ModelCompletions(vertx.eventBus(), providers);
      return serve(tasks, completions, owners, config().getString("node_id"))
        .compose(served -> TaskTools.serve(vertx, tasks))
        .onSuccess(served -> {
          outbox.start(options.pollMs());
          worker.start(nodeReady());
          publish(providers);
        });
    });
  }

  private Future<Void> serve(TaskService tasks, ModelCompletions completions, SessionOwners owners, String nodeId) {
    EventBus bus = vertx.eventBus();
    bus.<AgentEvent>consumer(AgentsAddresses.EVENTS, event -> {
      if ("deleted".equals(event.body().type())) {
        owners.forgetAll();
        tasks.cancelForAgent(event.body().agentId()).onFailure(failure -> LOG.error(
          "Could not cancel the tasks of deleted agent {}", event.body().agentId(), failure));
      }
    });
    bus.<UserDeleted>consumer(AuthAddresses.USER_DELETED, deleted -> {
      owners.forgetAll();
      tasks.deleteForUser(deleted.body().userId()).onFailure(failure -> LOG.error(
        "Could not delete the tasks of user {}", deleted.body().userId(), failure));
    });
    bus.<SessionDeleted>consumer(MemoryAddresses.SESSION_DELETED, deleted -> owners.forget(
      deleted.body().sessionId()));
    return Future.all(List.of(
      RequestConsumers.<TaskDraft>serve(bus, TasksAddresses.SUBMIT, tasks::submit).completion(),
      RequestConsumers.<ResourceId>serve(bus, TasksAddresses.GET, tasks::get).completion(),
      RequestConsumers.<TaskQuery>serve(bus, TasksAddresses.LIST, tasks::list).completion(),
      RequestConsumers.<ResourceId>serve(bus, TasksAddresses.CANCEL, tasks::cancel).completion(),
      RequestConsumers.<TaskEventQuery>serve(bus, TasksAddresses.EVENTS_AFTER, tasks::eventsAfter).completion(),
      RequestConsumers.serve(bus, TasksAddresses.COMPLETE, completions::complete).completion(),
      DomainPing.answer(vertx, "tasks", nodeId))).mapEmpty();
  }

  /**
   * Completes when this node is ready (every local domain deployed), as the node announces; at once for a verticle
   * deployed on its own (tests, benchmarks), which no node announces.
   */
  private Future<Void> nodeReady() {
    if (!config().getBoolean(NodeAddresses.AWAIT_READY_KEY, false)) {
      return Future.succeededFuture();
    }
    Promise<Void> ready = Promise.promise();
    MessageConsumer<String> consumer = vertx.eventBus().localConsumer(NodeAddresses.READY);
    consumer.handler(announced -> {
      consumer.unregister();
      ready.tryComplete();
    });
    return ready.future();
  }

  /** A service-discovery record per configured provider endpoint, so operators see them (never the keys). */
  private void publish(Providers providers) {
    discovery = ServiceDiscovery.create(vertx);
    providers.endpoints().forEach((name, url) -> discovery.publish(new Record().setName("llm-provider:" + name)
        .setType(DiscoveryRecords.PROVIDER_TYPE).setLocation(new JsonObject().put("endpoint", url))
        .setMetadata(new JsonObject().put(DiscoveryRecords.PROVIDER, name)
          .put(DiscoveryRecords.NODE_ID, config().getString("node_id"))))
      .onSuccess(record -> records.add(record.getRegistration())));
  }

  /**
   * Graceful: no new requests (those in hand are answered), running tasks are handed over at once (their leases go
   * back uncharged), the pool closes last.
   */
  @Override
  public Future<?> stop() {
    return RequestConsumers.retire()
      .eventually(() -> worker == null ? Future.succeededFuture() : worker.drain().eventually(loop::flushStatus))
      .eventually(() -> Future.join(records.stream().map(discovery::unpublish).toList()))
      .eventually(() -> {
        if (discovery != null) {
          discovery.close();
        }
        return pool == null ? Future.succeededFuture() : pool.close();
      });
  }
}
