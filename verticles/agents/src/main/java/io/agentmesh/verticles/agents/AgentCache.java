package io.agentmesh.verticles.agents;

import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentEvent;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Agents read recently, so {@code GET /agents/{id}} does not read PostgreSQL each time. Every change to an agent is
 * published on {@link AgentsAddresses#EVENTS}, which drops the entry on every node; an entry also lives at most
 * {@link #TTL_MS}, bounding staleness should an event be lost. One cache per verticle instance, on its event loop.
 */
final class AgentCache {

  static final long TTL_MS = 10_000;
  private static final int SIZE = 10_000;

  private record Entry(Agent agent, long expiresAt) {
  }

  private final boolean enabled;
  private final Map<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > SIZE;
    }
  };

  AgentCache(Vertx vertx, boolean enabled) {
    this.enabled = enabled;
    vertx.eventBus().<AgentEvent>consumer(AgentsAddresses.EVENTS, event -> entries.remove(event.body().agentId()));
  }

  Future<Optional<Agent>> get(String id, Supplier<Future<Optional<Agent>>> load) {
    Entry entry = enabled ? entries.get(id) : null;
    if (entry != null && entry.expiresAt() > System.currentTimeMillis()) {
      return Future.succeededFuture(Optional.of(entry.agent()));
    }
    return load.get().onSuccess(agent -> {
      if (enabled) {
        agent.ifPresent(a -> entries.put(id, new Entry(a, System.currentTimeMillis() + TTL_MS)));
      }
    });
  }
}
