package io.agentmesh.contract.tools;

import io.agentmesh.contract.RequestConsumers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How a domain offers tools: it serves each tool's address and registers its definitions with the registry at
 * deploy, again whenever a registry (re)starts, and retries while none is up yet. Registration is idempotent.
 */
public final class ToolHandlers {

  private static final long RETRY_MS = 2000;
  private static final int RETRIES = 15;

  private final Vertx vertx;
  private final String domain;
  private final List<ToolDefinition> tools = new ArrayList<>();
  private final List<Future<Void>> consumers = new ArrayList<>();

  public ToolHandlers(Vertx vertx, String domain) {
    this.vertx = vertx;
    this.domain = domain;
  }

  /**
   * Serves a tool: the handler gets the invocation (caller in its headers, holding the tool's scope) and answers a
   * {@link ToolOutput}.
   */
  public ToolHandlers tool(ToolDefinition definition, Function<Message<ToolInvocation>, Future<?>> handler) {
    tools.add(definition);
    MessageConsumer<ToolInvocation> consumer = RequestConsumers.serve(vertx.eventBus(), definition.address(),
      call -> {
        // The registry checked the tool's scope; the domain that runs it checks again, whoever forwarded the call.
        if (definition.scope() != null) {
          RequestConsumers.caller(call, definition.scope());
        }
        return handler.apply(call);
      });
    consumers.add(consumer.completion());
    return this;
  }

  /** Starts serving and registering; the returned future completes once the consumers are registered. */
  public Future<Void> start() {
    vertx.eventBus().consumer(ToolsAddresses.REGISTRY_STARTED, started -> register(1));
    return Future.all(consumers).onSuccess(ok -> register(RETRIES)).mapEmpty();
  }

  private void register(int attemptsLeft) {
    vertx.eventBus().request(ToolsAddresses.REGISTER, new ToolRegistration(domain, tools))
      .onFailure(failure -> {
        if (attemptsLeft > 1) {
          vertx.setTimer(RETRY_MS, t -> register(attemptsLeft - 1));
        }
      });
  }
}
