package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.tasks.CompletionRequest;
import io.agentmesh.contract.tasks.CompletionResult;
import io.agentmesh.verticles.tasks.providers.Cancellation;
import io.agentmesh.verticles.tasks.providers.ModelRequest;
import io.agentmesh.verticles.tasks.providers.ProviderException;
import io.agentmesh.verticles.tasks.providers.Providers;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One model call with an agent's model for another domain (memory's compaction), as the caller: the agent must be
 * theirs. Failures become domain errors: a provider that is not configured is a 422 on {@code model.provider}, a
 * retryable provider failure a 503 with its Retry-After.
 */
final class ModelCompletions {

  private static final long LOOKUP_TIMEOUT_MS = 10_000;

  private final EventBus bus;
  private final Providers providers;

  ModelCompletions(EventBus bus, Providers providers) {
    this.bus = bus;
    this.providers = providers;
  }

  /** As a task runs (tasks:run), or as memory compacts a session for its owner (memory:write). */
  Future<CompletionResult> complete(Message<CompletionRequest> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.TASKS_RUN, Scopes.MEMORY_WRITE);
    CompletionRequest request = message.body();
    return bus.<Agent>request(AgentsAddresses.GET, new ResourceId(request.agentId()), BusHeaders.deliveryOptions(
        caller, BusHeaders.requestId(message), LOOKUP_TIMEOUT_MS))
      .map(reply -> reply.body())
      .compose(agent -> {
        List<Map<String, Object>> messages = new ArrayList<>();
        if (request.instructions() != null) {
          messages.add(Map.of("role", "system", "content", request.instructions()));
        }
        messages.addAll(request.messages());
        Map<String, Object> parameters = new HashMap<>(agent.model().parameters());
        if (request.maxOutputTokens() != null) {
          parameters.put("max_output_tokens", request.maxOutputTokens());
        }
        StringBuilder text = new StringBuilder();
        return providers.get(agent.model().provider()).complete(new ModelRequest(agent.model().name(), messages,
          List.of(), parameters, new Cancellation()), text::append)
          .map(turn -> new CompletionResult(turn.text() == null ? text.toString() : turn.text(), turn.inputTokens(),
            turn.outputTokens()));
      })
      .recover(failure -> Future.failedFuture(domain(failure)));
  }

  private static Throwable domain(Throwable failure) {
    if (!(failure instanceof ProviderException provider)) {
      return failure;
    }
    if (provider.retryable()) {
      return DomainException.retryLater(ErrorCode.UNAVAILABLE, provider.getMessage(),
        (int) Math.max(1, provider.retryAfterMs() / 1000));
    }
    return DomainException.validation(List.of(new FieldError("model.provider", provider.getMessage())));
  }
}
