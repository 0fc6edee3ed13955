package io.agentmesh.verticles.agents;

import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentEvent;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.storage.ExpiringCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Agents read recently, so {@code GET /agents/{id}} does not read PostgreSQL each time. Every change to an agent is
 * published on {@link AgentsAddresses#EVENTS} with the version it made, which drops an older entry on every node (the
 * instance that made the change keeps the new version: a task's status reports do not empty the cache it reads
 * through); an entry also lives at most
 * {@link #TTL_MS}, bounding staleness should an event be lost. One cache per verticle instance, on its event loop.
 */
final class AgentCache {

  static final long TTL_MS = 10_000;
  private static final int SIZE = 10_000;

  private final boolean enabled;
  private final ExpiringCache<String, Agent> entries = new ExpiringCache<>(SIZE, TTL_MS);

  AgentCache(Vertx vertx, boolean enabled) {
    this.enabled = enabled;
    vertx.eventBus().<AgentEvent>consumer(AgentsAddresses.EVENTS, event -> forgetOlder(event.body()));
  }

  /** Drops the entry unless it already holds the version the event announces (or a later one). */
  private void forgetOlder(AgentEvent event) {
    Agent cached = entries.get(event.agentId());
    if (cached != null && ("deleted".equals(event.type()) || cached.version() < event.version())) {
      entries.remove(event.agentId());
    }
  }

  /** An agent just read or written by this instance. */
  void put(Agent agent) {
    if (enabled) {
      entries.put(agent.id(), agent);
    }
  }

  Future<Optional<Agent>> get(String id, Supplier<Future<Optional<Agent>>> load) {
    Agent cached = enabled ? entries.get(id) : null;
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    return load.get().onSuccess(agent -> {
      if (enabled) {
        agent.ifPresent(a -> entries.put(id, a));
      }
    });
  }
}
