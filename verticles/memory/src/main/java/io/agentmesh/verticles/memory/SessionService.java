package io.agentmesh.verticles.memory;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.MessageSchemas;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.memory.Session;
import io.agentmesh.contract.memory.SessionDeleted;
import io.agentmesh.contract.memory.SessionDraft;
import io.agentmesh.contract.memory.SessionPage;
import io.agentmesh.contract.memory.SessionQuery;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

/** Sessions: one user's conversation with one agent. Only that user (or an admin) can see it. */
final class SessionService {

  private final SessionStore sessions;
  private final AgentLookup agents;
  private final TokenCounter tokens;
  private final EventBus bus;

  SessionService(SessionStore sessions, AgentLookup agents, TokenCounter tokens, EventBus bus) {
    this.sessions = sessions;
    this.agents = agents;
    this.tokens = tokens;
    this.bus = bus;
  }

  Future<Session> create(Message<SessionDraft> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.MEMORY_WRITE);
    SessionDraft draft = message.body();
    MessageSchemas.require("memory.session.create", draft);
    return agents.asCallerOf(message, draft.agentId()).compose(agent -> sessions.insert(agent.id(), caller.userId(),
      draft.title(), draft.metadata(), tokens.encodingFor(agent.model().name())));
  }

  Future<Session> get(Message<ResourceId> message) {
    // A task's submission checks its session with tasks:run.
    return owned(RequestConsumers.caller(message, Scopes.MEMORY_READ, Scopes.TASKS_RUN), message.body().id())
      .map(SessionStore.Stored::session);
  }

  Future<SessionPage> list(Message<SessionQuery> message) {
    RequestConsumers.caller(message, Scopes.MEMORY_READ);
    return list(message, message.body());
  }

  /**
   * Sessions of an agent for the caller of {@code asCaller} (a request or a tool call carrying the headers); with no
   * agent, the caller's own sessions across their agents.
   */
  Future<SessionPage> list(Message<?> asCaller, SessionQuery query) {
    Principal caller = RequestConsumers.caller(asCaller);
    ListQuery page = new ListQuery(query.limit(), query.order(), query.after(), query.before());
    if (!page.problems().isEmpty()) {
      throw DomainException.validation(page.problems());
    }
    if (query.agentId() == null) {
      return sessions.page(null, caller.userId(), page);
    }
    return agents.asCallerOf(asCaller, query.agentId())
      .compose(agent -> sessions.page(agent.id(), caller.isAdmin() ? null : caller.userId(), page));
  }

  Future<Void> delete(Message<ResourceId> message) {
    return owned(RequestConsumers.caller(message, Scopes.MEMORY_WRITE), message.body().id())
      .compose(stored -> sessions.delete(stored.session().id()).onSuccess(deleted -> bus.publish(
        MemoryAddresses.SESSION_DELETED, new SessionDeleted(stored.session().id(), stored.session().userId(),
          stored.session().agentId()))));
  }

  /** The session if the caller may see it; otherwise "not found", whether or not it exists. */
  Future<SessionStore.Stored> owned(Principal caller, String sessionId) {
    return sessions.find(sessionId).compose(found -> {
      if (found.isEmpty() || !caller.isAdmin() && !found.get().session().userId().equals(caller.userId())) {
        return Future.failedFuture(DomainException.notFound("Session " + sessionId));
      }
      return Future.succeededFuture(found.get());
    });
  }
}
