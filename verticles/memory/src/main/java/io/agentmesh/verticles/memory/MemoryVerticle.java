package io.agentmesh.verticles.memory;

import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.agents.AgentEvent;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.UserDeleted;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.memory.MessageDraft;
import io.agentmesh.contract.memory.MessageQuery;
import io.agentmesh.contract.memory.SessionDraft;
import io.agentmesh.contract.memory.SessionQuery;
import io.agentmesh.contract.ping.DomainPing;
import io.agentmesh.storage.DomainPool;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The memory domain: owns schema {@code memory} (sessions, messages) and the {@code memory.*} addresses. When an
 * agent or a user is deleted, their sessions and messages go too.
 */
public final class MemoryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MemoryVerticle.class);

  private Pool pool;
  private Compactor compactor;

  @Override
  public Future<?> start() {
    MemoryOptions options = MemoryOptions.fromConfig(config());
    // Loading the encodings takes about as long as the migration: both at once, so the node is ready sooner.
    Future<TokenCounter> counter = vertx.executeBlocking(() -> new TokenCounter(options.defaultEncoding(),
      options.o200kModelPrefixes()), false);
    return DomainPool.open(vertx, config(), "memory")
      .compose(opened -> {
        pool = opened;
        return counter;
      })
      .compose(tokens -> {
        SessionStore sessionStore = new SessionStore(pool);
        AgentLookup agents = new AgentLookup(vertx.eventBus());
        SessionService sessions = new SessionService(sessionStore, agents, tokens, vertx.eventBus());
        MessageStore messageStore = new MessageStore(pool);
        MessageService messages = new MessageService(sessions, messageStore, agents, tokens, vertx.eventBus());
        compactor = new Compactor(sessions, messageStore, messages, vertx.eventBus(),
          options.compactKeepRecent());
        messages.onContextPressure(options.compactAtShare(), compactor::inBackground);
        cleanUpAfterDeletions(sessionStore);
        return serve(sessions, messages, config().getString("node_id"))
          .compose(served -> MemoryTools.serve(vertx, sessions, messages));
      });
  }

  private Future<Void> serve(SessionService sessions, MessageService messages, String nodeId) {
    EventBus bus = vertx.eventBus();
    return Future.all(List.of(
      RequestConsumers.<SessionDraft>serve(bus, MemoryAddresses.SESSION_CREATE, sessions::create).completion(),
      RequestConsumers.serve(bus, MemoryAddresses.SESSION_GET, sessions::get).completion(),
      RequestConsumers.<SessionQuery>serve(bus, MemoryAddresses.SESSION_LIST, sessions::list).completion(),
      RequestConsumers.serve(bus, MemoryAddresses.SESSION_DELETE, sessions::delete).completion(),
      RequestConsumers.<ResourceId>serve(bus, MemoryAddresses.COMPACT, compactor::compact).completion(),
      RequestConsumers.<MessageDraft>serve(bus, MemoryAddresses.MESSAGE_APPEND, messages::append).completion(),
      RequestConsumers.serve(bus, MemoryAddresses.MESSAGE_APPEND_BATCH, messages::appendBatch).completion(),
      RequestConsumers.<MessageQuery>serve(bus, MemoryAddresses.MESSAGE_LIST, messages::list).completion(),
      RequestConsumers.serve(bus, MemoryAddresses.CONTEXT_BUILD, messages::context).completion(),
      DomainPing.answer(vertx, "memory", nodeId))).mapEmpty();
  }

  private void cleanUpAfterDeletions(SessionStore sessions) {
    vertx.eventBus().<AgentEvent>consumer(AgentsAddresses.EVENTS, event -> {
      if ("deleted".equals(event.body().type())) {
        sessions.deleteWhere("agent_id", event.body().agentId())
          .onFailure(e -> LOG.error("Could not delete the sessions of agent {}", event.body().agentId(), e));
      }
    });
    vertx.eventBus().<UserDeleted>consumer(AuthAddresses.USER_DELETED, deleted ->
      sessions.deleteWhere("user_id", deleted.body().userId())
        .onFailure(e -> LOG.error("Could not delete the sessions of user {}", deleted.body().userId(), e)));
  }

  /** Stops taking requests and answers those in hand before the pool closes under them. */
  @Override
  public Future<?> stop() {
    return RequestConsumers.retire().eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
