package io.agentmesh.verticles.agents;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.MessageSchemas;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentDelete;
import io.agentmesh.contract.agents.AgentDraft;
import io.agentmesh.contract.agents.AgentEvent;
import io.agentmesh.contract.agents.AgentPage;
import io.agentmesh.contract.agents.AgentPatch;
import io.agentmesh.contract.agents.AgentQuery;
import io.agentmesh.contract.agents.AgentStatusUpdate;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.auth.Scopes;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

/**
 * Agents: create, read, list, merge-patch with optimistic concurrency, delete, and status reported by the tasks
 * domain. A user sees their own agents; an admin sees all. Another user's agent is "not found".
 */
final class AgentService {

  private static final Set<String> STATUSES = Set.of("idle", "running", "error", "disabled");

  private final AgentStore store;
  private final AgentCache cache;
  private final EventBus bus;
  private final KnownTools tools;
  private final KnownCollections collections;

  AgentService(AgentStore store, AgentCache cache, EventBus bus) {
    this.store = store;
    this.cache = cache;
    this.bus = bus;
    this.tools = new KnownTools(bus);
    this.collections = new KnownCollections(bus);
  }

  Future<Agent> create(Message<AgentDraft> message) {
    return create(RequestConsumers.caller(message, Scopes.AGENTS_WRITE), message.body());
  }

  Future<Agent> create(Principal caller, AgentDraft draft) {
    MessageSchemas.require("agents.create", draft);
    return tools.check(caller, draft.tools()).compose(ok -> collections.check(caller, draft.knowledge()))
      .compose(ok -> store.insert(caller.userId(), draft)).onSuccess(agent -> publish(agent, "created"));
  }

  Future<Agent> get(Message<ResourceId> message) {
    // Sessions and tasks are built on their agent: memory reads it to open a session or build a context window, a
    // task to run. The faces still ask agents:read of anyone who reads an agent directly.
    return get(RequestConsumers.caller(message, Scopes.AGENTS_READ, Scopes.TASKS_RUN, Scopes.MEMORY_READ,
      Scopes.MEMORY_WRITE), message.body().id());
  }

  Future<Agent> get(Principal caller, String id) {
    return visible(caller, id);
  }

  Future<AgentPage> list(Message<AgentQuery> message) {
    return list(RequestConsumers.caller(message, Scopes.AGENTS_READ), message.body());
  }

  Future<AgentPage> list(Principal caller, AgentQuery query) {
    ListQuery page = new ListQuery(query.limit(), query.order(), query.after(), query.before());
    if (!page.problems().isEmpty()) {
      throw DomainException.validation(page.problems());
    }
    if (query.status() != null && !STATUSES.contains(query.status())) {
      throw DomainException.validation(List.of(new FieldError("status", "must be one of " + STATUSES)));
    }
    String owner = caller.isAdmin() ? query.owner() : caller.userId();
    return store.page(owner, query.status(), query.namePrefix(), page);
  }

  /** Applies a merge patch; a stale If-Match is 412; the merged agent must satisfy the creation schema. */
  Future<Agent> update(Message<AgentPatch> message) {
    return update(RequestConsumers.caller(message, Scopes.AGENTS_WRITE), message.body());
  }

  Future<Agent> update(Principal caller, AgentPatch patch) {
    List<FieldError> shape = MessageSchemas.check("agents.patch", new JsonObject(new HashMap<>(patch.patch())));
    if (!shape.isEmpty()) {
      throw DomainException.validation(shape);
    }
    return visibleFresh(caller, patch.agentId()).compose(current -> {
      if (patch.ifMatchVersion() != null && patch.ifMatchVersion() != current.version()) {
        return Future.failedFuture(new DomainException(ErrorCode.PRECONDITION_FAILED,
          "The agent changed since version " + patch.ifMatchVersion() + "; it is at " + current.version() + "."));
      }
      JsonObject merged = MergePatch.apply(editable(current), patch.patch());
      String status = merged.getString("status", current.status());
      merged.remove("status");
      List<FieldError> errors = MessageSchemas.check("agents.create", merged);
      if (patch.patch().containsKey("status") && !Set.of("idle", "disabled").contains(status)) {
        errors = new ArrayList<>(errors);
        errors.add(new FieldError("status", "owners may set idle or disabled; other states come from running tasks"));
      }
      if (!errors.isEmpty()) {
        return Future.failedFuture(DomainException.validation(errors));
      }
      AgentDraft draft = MessageJson.fromJson(merged, AgentDraft.class);
      return tools.check(caller, draft.tools()).compose(ok -> collections.check(caller, draft.knowledge()))
        .compose(ok -> store.replace(current.id(), current.version(), draft, status))
        .compose(updated -> updated.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
          new DomainException(patch.ifMatchVersion() != null ? ErrorCode.PRECONDITION_FAILED : ErrorCode.CONFLICT,
            "The agent changed while this update was applied; read it again and retry."))))
        .onSuccess(agent -> {
          cache.put(agent);
          publish(agent, "updated");
        });
    });
  }

  /** A running agent needs {@code force}; its sessions and messages go with it (memory listens for the event). */
  Future<Void> delete(Message<AgentDelete> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.AGENTS_WRITE);
    AgentDelete request = message.body();
    return visibleFresh(caller, request.agentId()).compose(agent -> {
      if ("running".equals(agent.status()) && !request.force()) {
        return Future.failedFuture(new DomainException(ErrorCode.CONFLICT,
          "The agent has running tasks; delete with force=true to cancel them first."));
      }
      return store.delete(agent.id()).onSuccess(deleted -> publish(agent, "deleted")).mapEmpty();
    });
  }

  /** The tasks domain, acting for the agent's owner, reports what the agent is doing. */
  Future<Agent> setStatus(Message<AgentStatusUpdate> message) {
    Principal caller = RequestConsumers.caller(message);
    AgentStatusUpdate update = message.body();
    if (update.status() == null || !STATUSES.contains(update.status())) {
      throw DomainException.validation(List.of(new FieldError("status", "must be one of " + STATUSES)));
    }
    return visibleFresh(caller, update.agentId())
      .compose(agent -> store.setStatus(agent.id(), update.status(), update.reason()))
      .compose(agent -> agent.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(DomainException.notFound("Agent " + update.agentId()))))
      .onSuccess(agent -> {
        cache.put(agent); // fresh from the store: this instance's next read needs no round trip
        publish(agent, "status");
      });
  }

  /** user.deleted: that user's agents go, and with them (through the events) their sessions and messages. */
  Future<Void> deleteOwnedBy(String userId) {
    return store.deleteOwnedBy(userId).onSuccess(ids -> ids.forEach(id -> bus.publish(AgentsAddresses.EVENTS,
      new AgentEvent(id, userId, "deleted", null, "owner deleted", 0, Instant.now())))).mapEmpty();
  }

  private Future<Agent> visible(Principal caller, String id) {
    return cache.get(id, () -> store.find(id)).compose(agent -> check(caller, id, agent.orElse(null)));
  }

  private Future<Agent> visibleFresh(Principal caller, String id) {
    return store.find(id).compose(agent -> check(caller, id, agent.orElse(null)));
  }

  private static Future<Agent> check(Principal caller, String id, Agent agent) {
    if (agent == null || !caller.isAdmin() && !agent.ownerId().equals(caller.userId())) {
      return Future.failedFuture(DomainException.notFound("Agent " + id));
    }
    return Future.succeededFuture(agent);
  }

  private static JsonObject editable(Agent agent) {
    JsonObject json = MessageJson.toJsonWithoutNulls(agent);
    for (String derived : List.of("id", "owner_id", "status_reason", "status_changed_at", "version", "created_at",
      "updated_at")) {
      json.remove(derived);
    }
    return json;
  }

  private void publish(Agent agent, String type) {
    AgentEvent event = new AgentEvent(agent.id(), agent.ownerId(), type, agent.status(), agent.statusReason(),
      "deleted".equals(type) ? 0 : agent.version(), Instant.now());
    bus.publish(AgentsAddresses.EVENTS, event);
    bus.publish(AgentsAddresses.eventsOf(agent.id()), event);
  }
}
