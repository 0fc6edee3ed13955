package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.AcceptedText;
import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.memory.ContextRequest;
import io.agentmesh.contract.memory.ContextWindow;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.tasks.Task;
import io.agentmesh.contract.tasks.TaskError;
import io.agentmesh.contract.tools.ToolCall;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolResult;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.agentmesh.verticles.tasks.providers.ModelProvider;
import io.agentmesh.verticles.tasks.providers.ModelRequest;
import io.agentmesh.verticles.tasks.providers.ModelTurn;
import io.agentmesh.verticles.tasks.providers.ProviderException;
import io.agentmesh.verticles.tasks.providers.Providers;
import io.agentmesh.verticles.tasks.providers.ToolCallRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One attempt of a task: load the agent and the session's context (as the task's user), call the model with the
 * tools allowed, stream its deltas, run the tool calls it asks for through the registry (in parallel), and repeat
 * until a final answer, {@code max_steps} (incomplete) or the token budget (incomplete). Every step is recorded with
 * the messages it produced for memory in one fenced transaction; the end is written once.
 */
final class AgentLoop {

  private static final Logger LOG = LoggerFactory.getLogger(AgentLoop.class);
  private static final long BUS_TIMEOUT_MS = 10_000;
  /** Offered to every agent with knowledge, and kept to its collections. */
  static final String KNOWLEDGE_TOOL = "rag_search";

  private final EventBus bus;
  private final TaskQueue queue;
  private final TaskEventLog log;
  private final Providers providers;
  private final TaskOptions options;
  private final Outbox outbox;
  private final AgentStatusReporter status;

  AgentLoop(Vertx vertx, TaskQueue queue, TaskEventLog log, Providers providers, TaskOptions options,
            Outbox outbox) {
    this.bus = vertx.eventBus();
    this.queue = queue;
    this.log = log;
    this.providers = providers;
    this.options = options;
    this.outbox = outbox;
    this.status = new AgentStatusReporter(vertx, queue);
  }

  /** The state of an attempt between steps. */
  private static final class Attempt {
    final TaskQueue.Claimed claimed;
    final TaskRun run;
    final Principal principal;
    Agent agent;
    ModelProvider provider;
    List<Map<String, Object>> tools = List.of();
    final List<Map<String, Object>> messages = new ArrayList<>();
    final List<JsonObject> pendingMessages = new ArrayList<>();
    int inputTokens;
    int outputTokens;
    boolean reported;
    /** The chunks its knowledge searches returned, by chunk id, in the order they came. */
    final Map<String, JsonObject> citations = new LinkedHashMap<>();

    Attempt(TaskQueue.Claimed claimed, TaskRun run) {
      this.claimed = claimed;
      this.run = run;
      this.principal = Principal.fromHeader(claimed.principal());
    }

    Task task() {
      return claimed.task();
    }

    String key(String suffix) {
      return "task:" + task().id() + ":" + suffix;
    }
  }

  /** How an attempt ended, with the last round's steps when they are written with the end. */
  private record Outcome(String status, String output, TaskError error, List<JsonObject> steps) {

    Outcome(String status, String output, TaskError error) {
      this(status, output, error, List.of());
    }
  }

  /** Shutdown: agent status reports still waiting are made now. */
  Future<Void> flushStatus() {
    return status.flush();
  }

  Future<Void> run(TaskQueue.Claimed claimed, TaskRun run) {
    Attempt attempt = new Attempt(claimed, run);
    claimed.startEvents().forEach(run::publish); // stored by the claim itself
    status.started(attempt.principal, claimed.task().agentId(), claimed.task().id());
    attempt.reported = true;
    return prepare(attempt)
      .compose(v -> step(attempt, 1))
      .recover(failure -> outcomeOf(attempt, failure))
      .compose(outcome -> finish(attempt, outcome))
      .onComplete(done -> {
        if (attempt.reported) {
          status.ended(attempt.principal, claimed.task().agentId(), claimed.task().id());
        }
      });
  }

  /** The agent and the session's context are independent reads: both at once; the tools once the agent is known. */
  private Future<Void> prepare(Attempt attempt) {
    Task task = attempt.task();
    Future<Agent> agent = request(attempt, AgentsAddresses.GET, new ResourceId(task.agentId()), Agent.class);
    Future<ContextWindow> context = request(attempt, MemoryAddresses.CONTEXT_BUILD, new ContextRequest(
      task.agentId(), task.sessionId(), options.contextTokens(), attempt.key("")), ContextWindow.class);
    return agent.compose(found -> {
      attempt.agent = found;
      attempt.provider = providers.get(found.model().provider());
      return allowedTools(attempt);
    }).compose(v -> context).map(window -> {
      window.messages().forEach(message -> attempt.messages.add(ModelMessages.of(message)));
      attempt.messages.add(Map.of("role", "user", "content", task.input()));
      attempt.pendingMessages.add(new JsonObject().put("append_key", attempt.key("input")).put("role", "user")
        .put("content", task.input()));
      return null;
    });
  }

  /**
   * The agent's tools, narrowed by the task's {@code tools} override, described as the registry knows them; an
   * agent with knowledge is offered {@code rag_search} too (when some node serves it).
   */
  private Future<Void> allowedTools(Attempt attempt) {
    JsonArray narrowed = attempt.claimed.overrides().getJsonArray("tools");
    List<String> names = attempt.agent.tools().stream()
      .filter(name -> narrowed == null || narrowed.contains(name)).toList();
    List<Future<ToolDefinition>> lookups = new ArrayList<>(names.stream()
      .map(name -> request(attempt, ToolsAddresses.GET, new ResourceId(name), ToolDefinition.class)).toList());
    if (!attempt.agent.knowledge().isEmpty() && !names.contains(KNOWLEDGE_TOOL)
      && (narrowed == null || narrowed.contains(KNOWLEDGE_TOOL))) {
      lookups.add(request(attempt, ToolsAddresses.GET, new ResourceId(KNOWLEDGE_TOOL), ToolDefinition.class)
        .otherwise((ToolDefinition) null));
    }
    return Future.all(lookups).map(all -> {
      List<Map<String, Object>> tools = new ArrayList<>();
      for (ToolDefinition tool : all.<ToolDefinition>list()) {
        if (tool == null) {
          continue; // no node serves knowledge search now: the agent answers without it
        }
        tools.add(Map.of("name", tool.name(), "description", tool.description(), "input_schema", tool.inputSchema()));
      }
      attempt.tools = tools;
      return null;
    });
  }

  private Future<Outcome> step(Attempt attempt, int step) {
    Task task = attempt.task();
    if (step > task.maxSteps()) {
      return Future.succeededFuture(new Outcome("incomplete", lastText(attempt), new TaskError("max_steps",
        "The task reached max_steps (" + task.maxSteps() + ") before a final answer.")));
    }
    Object budget = attempt.claimed.overrides().getJsonObject("parameters", new JsonObject())
      .getValue("max_total_tokens");
    if (budget instanceof Number limit && attempt.inputTokens + attempt.outputTokens >= limit.longValue()) {
      return Future.succeededFuture(new Outcome("incomplete", lastText(attempt), new TaskError("token_budget",
        "The task used its token budget (" + limit + ") before a final answer.")));
    }
    long started = System.nanoTime();
    Map<String, Object> parameters = new LinkedHashMap<>(attempt.agent.model().parameters());
    parameters.putAll(attempt.claimed.overrides().getJsonObject("parameters", new JsonObject()).getMap());
    parameters.remove("max_total_tokens");
    ModelRequest request = new ModelRequest(attempt.agent.model().name(), List.copyOf(attempt.messages),
      attempt.tools, parameters, attempt.run.cancellation);
    return attempt.provider.complete(request, delta -> attempt.run.emit("task.message.delta",
        new JsonObject().put("delta", AcceptedText.clean(delta)).put("step", step)))
      .compose(turn -> afterModel(attempt, step, turn.accepted(), started));
  }

  private Future<Outcome> afterModel(Attempt attempt, int step, ModelTurn turn, long started) {
    attempt.inputTokens += turn.inputTokens();
    attempt.outputTokens += turn.outputTokens();
    List<JsonObject> steps = new ArrayList<>();
    steps.add(new JsonObject().put("type", "model_call").put("step", step).put("duration_ms", millis(started))
      .put("input_tokens", turn.inputTokens()).put("output_tokens", turn.outputTokens())
      .put("finish_reason", turn.finishReason()));
    attempt.messages.add(ModelMessages.assistant(turn));
    attempt.pendingMessages.add(new JsonObject().put("append_key", attempt.key(attempt.task().attempt() + ":" + step
      + ":assistant")).put("role", "assistant").put("content", ModelMessages.assistantContent(turn)));
    if (turn.toolCalls().isEmpty()) {
      return Future.succeededFuture(new Outcome("completed", turn.text(), null, steps)); // written with the end
    }
    return Future.all(turn.toolCalls().stream().map(call -> attempt.run.emit("task.tool_call", new JsonObject()
        .put("id", call.id()).put("name", call.name()).put("arguments", new JsonObject(call.arguments()))
        .put("step", step))).toList())
      .compose(v -> Future.all(turn.toolCalls().stream().map(call -> callTool(attempt, step, call)).toList()))
      .compose(results -> {
        for (Object result : results.list()) {
          JsonObject done = (JsonObject) result;
          steps.add(done.getJsonObject("step"));
          attempt.messages.add(done.getJsonObject("message").getMap());
          attempt.pendingMessages.add(done.getJsonObject("memory"));
        }
        return record(attempt, steps);
      })
      .compose(v -> step(attempt, step + 1));
  }

  /** Runs one tool call as the task's user; a failure is a result with is_error, as the model should see it. */
  private Future<JsonObject> callTool(Attempt attempt, int step, ToolCallRequest call) {
    long started = System.nanoTime();
    boolean allowed = attempt.tools.stream().anyMatch(tool -> call.name().equals(tool.get("name")));
    DeliveryOptions delivery = BusHeaders.deliveryOptions(attempt.principal, attempt.task().id(),
      BUS_TIMEOUT_MS * 3).addHeader(BusHeaders.IDEMPOTENCY_KEY, attempt.key(attempt.task().attempt() + ":" + step
        + ":" + call.id()));
    Future<ToolResult> result = !allowed
      ? Future.succeededFuture(new ToolResult(call.name(), null, "The tool " + call.name()
        + " is not allowed for this task.", true))
      : cancellable(attempt, bus.<ToolResult>request(ToolsAddresses.INVOKE, new ToolCall(call.name(),
          arguments(attempt, call)), delivery).map(reply -> reply.body()))
        .recover(failure -> failure instanceof CancelledException ? Future.failedFuture(failure)
          : Future.succeededFuture(new ToolResult(call.name(), null, failure instanceof DomainException domain
            ? domain.getMessage() : "The tool could not be reached.", true)));
    return result.onSuccess(outcome -> cite(attempt, outcome))
      .compose(outcome -> attempt.run.emit("task.tool_result", new JsonObject().put("id", call.id())
        .put("name", call.name()).put("is_error", outcome.isError()).put("text", outcome.text()).put("step", step))
      .map(v -> new JsonObject()
        .put("step", new JsonObject().put("type", "tool_call").put("step", step).put("name", call.name())
          .put("id", call.id()).put("duration_ms", millis(started)).put("is_error", outcome.isError()))
        .put("message", new JsonObject(ModelMessages.toolResult(call.id(), outcome.text())))
        .put("memory", new JsonObject().put("append_key", attempt.key(attempt.task().attempt() + ":" + step
            + ":tool:" + call.id())).put("role", "tool")
          .put("content", new JsonArray().add(new JsonObject().put("type", "tool_result")
            .put("tool_call_id", call.id()).put("content", outcome.text()))))));
  }

  /**
   * A knowledge search of an agent with knowledge searches only the agent's collections: those it names among
   * them, or all of them. The rag domain still checks that the task's user may read each one.
   */
  private static Map<String, Object> arguments(Attempt attempt, ToolCallRequest call) {
    List<String> knowledge = attempt.agent.knowledge();
    if (!call.name().equals(KNOWLEDGE_TOOL) || knowledge.isEmpty()) {
      return call.arguments();
    }
    Map<String, Object> arguments = new LinkedHashMap<>(call.arguments());
    List<String> named = arguments.get("collection_ids") instanceof List<?> ids
      ? ids.stream().map(String::valueOf).filter(knowledge::contains).toList() : List.of();
    arguments.put("collection_ids", named.isEmpty() ? knowledge : named);
    return arguments;
  }

  /** The hits of a knowledge search become the task's citations. */
  @SuppressWarnings("unchecked")
  private static void cite(Attempt attempt, ToolResult result) {
    if (!result.tool().equals(KNOWLEDGE_TOOL) || result.isError() || result.structuredContent() == null) {
      return;
    }
    JsonObject content = result.structuredContent() instanceof Map<?, ?> map
      ? new JsonObject(new LinkedHashMap<>((Map<String, Object>) map)) : (JsonObject) result.structuredContent();
    JsonArray hits = content.getJsonArray("hits", new JsonArray());
    for (int i = 0; i < hits.size(); i++) {
      JsonObject hit = hits.getJsonObject(i);
      attempt.citations.putIfAbsent(hit.getString("chunk_id"), new JsonObject()
        .put("collection_id", hit.getString("collection_id")).put("document_id", hit.getString("document_id"))
        .put("document_name", hit.getString("document_name")).put("chunk_id", hit.getString("chunk_id"))
        .put("start_offset", hit.getInteger("start_offset")).put("end_offset", hit.getInteger("end_offset")));
    }
  }

  /** Stores the round's steps and its messages in one fenced transaction; the outbox carries them to memory. */
  private Future<Void> record(Attempt attempt, List<JsonObject> steps) {
    List<JsonObject> messages = List.copyOf(attempt.pendingMessages);
    attempt.pendingMessages.clear();
    return attempt.run.flushed().compose(v -> log.step(attempt.run.lease, steps, messages)).compose(ok -> {
      if (!ok) {
        attempt.run.cancellation.fire("lease lost");
        return Future.failedFuture(new TaskRun.LeaseLost());
      }
      outbox.kick();
      return Future.succeededFuture();
    });
  }

  private Future<Outcome> outcomeOf(Attempt attempt, Throwable failure) {
    String reason = attempt.run.cancellation.reason();
    if (failure instanceof TaskRun.LeaseLost || "lease lost".equals(reason)) {
      return Future.failedFuture(new TaskRun.LeaseLost());
    }
    if ("cancelled".equals(reason)) {
      return Future.succeededFuture(new Outcome("cancelled", null, null));
    }
    if (failure instanceof ProviderException provider) {
      if (provider.retryable() && attempt.claimed.charged() < options.maxAttempts()) {
        return retryLater(attempt, provider.retryAfterMs());
      }
      return Future.succeededFuture(new Outcome("failed", null, new TaskError(provider.code(),
        provider.getMessage())));
    }
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return waitForDomain(attempt);
    }
    if (failure instanceof ReplyException reply && reply.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
      // A domain this attempt needs did not answer in time (overloaded, or its node just died): worth another
      // attempt later, not a failed task.
      if (attempt.claimed.charged() < options.maxAttempts()) {
        return retryLater(attempt, 0);
      }
      return Future.succeededFuture(new Outcome("failed", null, new TaskError(
        reply.failureType() == ReplyFailure.TIMEOUT ? "timeout" : "internal",
        "A service the task needs did not answer (" + reply.failureType() + "); every attempt was used.")));
    }
    if (failure instanceof DomainException domain && domain.code() == ErrorCode.NOT_FOUND) {
      return Future.succeededFuture(new Outcome("failed", null, new TaskError("invalid_request",
        domain.getMessage() + " (it may have been deleted)")));
    }
    LOG.error("Task {} attempt {} failed", attempt.task().id(), attempt.task().attempt(), failure);
    return Future.succeededFuture(new Outcome("failed", null, new TaskError("internal",
      "The task failed unexpectedly; quote its id.")));
  }

  /**
   * No node serves a domain this attempt needs (a node starting, a rolling restart): an infrastructure condition,
   * not the task's fault. The task waits with backoff, costing no attempt, until it has waited
   * {@code tasks.unavailable_wait_seconds}; then it fails saying which condition lasted.
   */
  private Future<Outcome> waitForDomain(Attempt attempt) {
    Instant since = attempt.claimed.unavailableSince();
    if (since != null && since.plusSeconds(options.unavailableWaitSeconds()).isBefore(Instant.now())) {
      return Future.succeededFuture(new Outcome("failed", null, new TaskError("unavailable", "A service the task "
        + "needs had no node serving it for " + options.unavailableWaitSeconds() + " s (NO_HANDLERS).")));
    }
    return release(attempt, backoff(attempt.task().attempt(), 0), TaskQueue.Charge.UNAVAILABLE);
  }

  /** A charged retry: exponential backoff with full jitter, never sooner than the provider's Retry-After. */
  private Future<Outcome> retryLater(Attempt attempt, long retryAfterMs) {
    return release(attempt, backoff(attempt.claimed.charged(), retryAfterMs), TaskQueue.Charge.CHARGED);
  }

  private long backoff(int tries, long retryAfterMs) {
    long exponential = Math.min(options.retryMaxMs(), options.retryBaseMs() << Math.min(20, tries - 1));
    return Math.max(retryAfterMs, ThreadLocalRandom.current().nextLong(exponential + 1));
  }

  private Future<Outcome> release(Attempt attempt, long delayMs, TaskQueue.Charge charge) {
    return attempt.run.flushed().recover(ignored -> Future.succeededFuture())
      .compose(v -> queue.release(attempt.run.lease, delayMs, charge))
      .compose(released -> Future.failedFuture(new TaskRun.LeaseLost()));
  }

  private Future<Void> finish(Attempt attempt, Outcome outcome) {
    JsonObject usage = new JsonObject().put("input_tokens", attempt.inputTokens)
      .put("output_tokens", attempt.outputTokens).put("total_tokens", attempt.inputTokens + attempt.outputTokens);
    Double cost = cost(attempt, usage);
    List<JsonObject> messages = List.copyOf(attempt.pendingMessages);
    attempt.pendingMessages.clear();
    return attempt.run.close((types, data) -> log.finish(attempt.run.lease, outcome.status(), outcome.output(),
        outcome.error(), usage, cost, outcome.steps(), messages, types, data,
        new JsonArray(new ArrayList<>(attempt.citations.values()))))
      .map(stored -> {
        stored.ifPresent(events -> outbox.kick());
        return null;
      });
  }

  /** From {@code tasks.prices.<model>} (USD per million tokens); null when the model has no price. */
  private Double cost(Attempt attempt, JsonObject usage) {
    if (attempt.agent == null) {
      return null;
    }
    JsonObject price = options.prices().getJsonObject(attempt.agent.model().name());
    if (price == null) {
      return null;
    }
    return (usage.getInteger("input_tokens") * price.getDouble("input_per_mtok", 0.0)
      + usage.getInteger("output_tokens") * price.getDouble("output_per_mtok", 0.0)) / 1_000_000.0;
  }

  private static String lastText(Attempt attempt) {
    for (int i = attempt.messages.size() - 1; i >= 0; i--) {
      Map<String, Object> message = attempt.messages.get(i);
      if ("assistant".equals(message.get("role")) && message.get("content") instanceof String text
        && !text.isEmpty()) {
        return text;
      }
    }
    return null;
  }

  private <T> Future<T> request(Attempt attempt, String address, Object body, Class<T> type) {
    return cancellable(attempt, bus.<T>request(address, body, BusHeaders.deliveryOptions(attempt.principal,
      attempt.task().id(), BUS_TIMEOUT_MS)).map(reply -> type.cast(reply.body())));
  }

  /** Stops waiting for {@code work} when the attempt is cancelled (the work itself may still finish elsewhere). */
  private static <T> Future<T> cancellable(Attempt attempt, Future<T> work) {
    Promise<T> promise = Promise.promise();
    attempt.run.cancellation.onFire(() -> promise.tryFail(new CancelledException()));
    work.onComplete(done -> {
      if (done.succeeded()) {
        promise.tryComplete(done.result());
      } else {
        promise.tryFail(done.cause());
      }
    });
    return promise.future();
  }

  private static long millis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  /** The attempt was cancelled (by the user, or because its lease is gone). */
  static final class CancelledException extends RuntimeException {
    CancelledException() {
      super("cancelled", null, false, false);
    }
  }
}
