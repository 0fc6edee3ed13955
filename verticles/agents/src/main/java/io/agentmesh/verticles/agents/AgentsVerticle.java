package io.agentmesh.verticles.agents;

import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.agents.AgentDraft;
import io.agentmesh.contract.agents.AgentPatch;
import io.agentmesh.contract.agents.AgentQuery;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.UserDeleted;
import io.agentmesh.contract.ping.DomainPing;
import io.agentmesh.storage.DomainPool;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** The agents domain: owns schema {@code agents} and the {@code agents.*} addresses. */
public final class AgentsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AgentsVerticle.class);

  private Pool pool;

  @Override
  public Future<?> start() {
    AgentsOptions options = AgentsOptions.fromConfig(config());
    return DomainPool.open(vertx, config(), "agents").compose(opened -> {
      pool = opened;
      AgentService agents = new AgentService(new AgentStore(pool), new AgentCache(vertx, options.cacheEnabled()),
        vertx.eventBus());
      return serve(agents, config().getString("node_id"))
        .compose(served -> vertx.fileSystem().readFile("schemas/agents.create.json"))
        .compose(schema -> {
          JsonObject create = schema.toJsonObject();
          create.remove("$schema");
          return AgentTools.serve(vertx, agents, create.getMap());
        });
    });
  }

  private Future<Void> serve(AgentService agents, String nodeId) {
    EventBus bus = vertx.eventBus();
    bus.<UserDeleted>consumer(AuthAddresses.USER_DELETED, deleted -> agents.deleteOwnedBy(deleted.body().userId())
      .onFailure(failure -> LOG.error("Could not delete the agents of user {}", deleted.body().userId(), failure)));
    return Future.all(List.of(
      RequestConsumers.<AgentDraft>serve(bus, AgentsAddresses.CREATE, agents::create).completion(),
      RequestConsumers.<ResourceId>serve(bus, AgentsAddresses.GET, agents::get).completion(),
      RequestConsumers.<AgentQuery>serve(bus, AgentsAddresses.LIST, agents::list).completion(),
      RequestConsumers.<AgentPatch>serve(bus, AgentsAddresses.UPDATE, agents::update).completion(),
      RequestConsumers.serve(bus, AgentsAddresses.DELETE, agents::delete).completion(),
      RequestConsumers.serve(bus, AgentsAddresses.SET_STATUS, agents::setStatus).completion(),
      DomainPing.answer(vertx, "agents", nodeId))).mapEmpty();
  }

  /** Stops taking requests and answers those in hand before the pool closes under them. */
  @Override
  public Future<?> stop() {
    return RequestConsumers.retire().eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
