package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.memory.Session;
import io.agentmesh.contract.tasks.Task;
import io.agentmesh.contract.tasks.TaskDraft;
import io.agentmesh.contract.tasks.TaskEventPage;
import io.agentmesh.contract.tasks.TaskEventQuery;
import io.agentmesh.contract.tasks.TaskPage;
import io.agentmesh.contract.tasks.TaskQuery;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tasks domain's requests: submit (into the caller's session, with the agent's session policy), read, list,
 * cancel, and a task's stored events. A task is visible to the user who submitted it (and admins); to anyone else
 * it does not exist.
 */
final class TaskService {

  private static final int MAX_INPUT = 100_000;
  private static final List<String> STATUSES = List.of("queued", "in_progress", "cancelling", "cancelled", "failed",
    "completed", "incomplete", "expired");
  private static final long LOOKUP_TIMEOUT_MS = 10_000;

  private final TaskStore store;
  private final TaskQueue queue;
  private final TaskEventLog log;
  private final TaskWorker worker;
  private final SessionOwners owners;
  private final EventBus bus;
  private final TaskOptions options;

  TaskService(TaskStore store, TaskQueue queue, TaskEventLog log, TaskWorker worker, SessionOwners owners, EventBus bus,
              TaskOptions options) {
    this.store = store;
    this.queue = queue;
    this.log = log;
    this.worker = worker;
    this.owners = owners;
    this.bus = bus;
    this.options = options;
  }

  Future<Task> submit(Message<TaskDraft> message) {
    return submit(runner(message), BusHeaders.requestId(message), message.body());
  }

  /** Also the {@code tasks_submit} tool's path, as the tool's caller. */
  Future<Task> submit(Principal caller, String requestId, TaskDraft draft) {
    if (!caller.hasScope(Scopes.TASKS_RUN)) {
      throw new DomainException(ErrorCode.FORBIDDEN, "Running tasks needs the scope " + Scopes.TASKS_RUN + ".");
    }
    List<FieldError> problems = problems(draft);
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
    return owner(caller, requestId, draft.sessionId())
      .compose(owner -> ask(caller, requestId, AgentsAddresses.GET, new ResourceId(owner.agentId()), Agent.class))
      .compose(agent -> policy(agent, draft).map(agent))
      .compose(agent -> insert(caller, draft, agent));
  }

  /** Stores the task; it starts on this node's worker at once when that has room, else wakes every worker. */
  private Future<Task> insert(Principal caller, TaskDraft draft, Agent agent) {
    String owner = worker.reserve();
    return queue.insert(draft, caller.userId(), caller.toHeader(), agent.id(),
        draft.maxSteps() == null ? options.defaultMaxSteps() : draft.maxSteps(), options.maxAttempts(),
        options.deadlineSeconds(), owner, options.leaseMs())
      .andThen(stored -> {
        if (owner != null) {
          worker.reserved(stored.succeeded() ? stored.result().started() : Optional.empty());
        }
      })
      .map(submitted -> {
        if (submitted.started().isEmpty()) {
          bus.publish(TasksAddresses.WAKE, submitted.task().id());
        }
        return submitted.task();
      });
  }

  /** The session's owner and agent: known from an earlier submission, or asked of memory as the caller. */
  private Future<SessionOwners.Owner> owner(Principal caller, String requestId, String sessionId) {
    return owners.known(caller, sessionId).map(Future::succeededFuture).orElseGet(() -> ask(caller, requestId,
      MemoryAddresses.SESSION_GET, new ResourceId(sessionId), Session.class).map(owners::remember));
  }

  /** {@code reject}: a session with an active task refuses another (409 naming it); {@code enqueue}: it waits. */
  private Future<Void> policy(Agent agent, TaskDraft draft) {
    if (!"reject".equals(agent.concurrency())) {
      return Future.succeededFuture();
    }
    return store.activeInSession(draft.sessionId()).compose(active -> active.isEmpty()
      ? Future.succeededFuture()
      : Future.failedFuture(new DomainException(ErrorCode.CONFLICT, "The session already runs task "
        + active.get() + " and its agent's concurrency policy is reject.", List.of(new FieldError("active_task_id",
          active.get())))));
  }

  Future<Task> get(Message<ResourceId> message) {
    return visible(message, message.body().id());
  }

  /** A task the caller may see (its submitter, or an admin); anyone else gets "not found". */
  Future<Task> visible(Principal caller, String id) {
    return store.get(id).compose(found -> found.isPresent()
      && (found.get().userId().equals(caller.userId()) || caller.isAdmin())
      ? Future.succeededFuture(found.get()) : Future.failedFuture(DomainException.notFound("Task " + id)));
  }

  /** An agent was deleted: its queued tasks end cancelled, its running ones are stopped. */
  Future<Void> cancelForAgent(String agentId) {
    return store.activeForAgent(agentId).compose(ids -> Future.join(ids.stream().map(id -> store.cancel(id)
      .map(this::announceCancel)).toList())).mapEmpty();
  }

  /** A user was deleted: their running tasks stop, and every task of theirs goes with its events and messages. */
  Future<Void> deleteForUser(String userId) {
    return store.deleteForUser(userId).onSuccess(running -> running.forEach(id ->
      bus.publish(TasksAddresses.WAKE, id))).mapEmpty();
  }

  Future<TaskPage> list(Message<TaskQuery> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.TASKS_READ);
    TaskQuery query = message.body();
    List<FieldError> problems = new ArrayList<>(new ListQuery(query.limit(), query.order(), query.after(),
      query.before()).problems());
    if (query.status() != null && !STATUSES.contains(query.status())) {
      problems.add(new FieldError("status", "must be one of " + STATUSES));
    }
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
    return store.list(caller.userId(), query);
  }

  Future<Task> cancel(Message<ResourceId> message) {
    runner(message);
    return visible(message, message.body().id()).compose(task -> task.terminal() ? Future.succeededFuture(task)
      : store.cancel(task.id()).map(this::announceCancel));
  }

  /** A queued task ended at once: its event goes out; a running one: its worker is woken to stop it now. */
  private Task announceCancel(TaskStore.Cancelled cancelled) {
    cancelled.event().ifPresent(event -> bus.publish(TasksAddresses.EVENTS, event));
    if (cancelled.task().status().equals("cancelling")) {
      bus.publish(TasksAddresses.WAKE, cancelled.task().id());
    }
    return cancelled.task();
  }

  Future<TaskEventPage> eventsAfter(Message<TaskEventQuery> message) {
    TaskEventQuery query = message.body();
    int limit = Math.max(1, Math.min(1000, query.limit()));
    return visible(message, query.taskId()).compose(task -> log.eventsAfter(task.id(), query.afterSequence(),
      limit + 1)).map(events -> new TaskEventPage(events.size() > limit ? events.subList(0, limit) : events,
        events.size() > limit));
  }

  private Future<Task> visible(Message<?> message, String id) {
    return visible(RequestConsumers.caller(message, Scopes.TASKS_READ), id);
  }

  /** The caller, who must hold {@code tasks:run} (checked again here, whatever the gateway did). */
  private static Principal runner(Message<?> message) {
    return RequestConsumers.caller(message, Scopes.TASKS_RUN);
  }

  private <T> Future<T> ask(Principal caller, String requestId, String address, Object body, Class<T> type) {
    return bus.<T>request(address, body, BusHeaders.deliveryOptions(caller, requestId, LOOKUP_TIMEOUT_MS))
      .map(reply -> type.cast(reply.body()));
  }

  private static List<FieldError> problems(TaskDraft draft) {
    List<FieldError> problems = new ArrayList<>();
    if (draft.sessionId() == null || draft.sessionId().isBlank()) {
      problems.add(new FieldError("session_id", "is required"));
    }
    if (draft.input() == null || draft.input().isBlank() || draft.input().length() > MAX_INPUT) {
      problems.add(new FieldError("input", "1 to " + MAX_INPUT + " characters"));
    }
    if (draft.maxSteps() != null && (draft.maxSteps() < 1 || draft.maxSteps() > 100)) {
      problems.add(new FieldError("max_steps", "from 1 to 100"));
    }
    if (draft.idempotencyKey() != null && (draft.idempotencyKey().isBlank()
      || draft.idempotencyKey().length() > 255)) {
      problems.add(new FieldError("Idempotency-Key", "1 to 255 characters"));
    }
    return problems;
  }
}
