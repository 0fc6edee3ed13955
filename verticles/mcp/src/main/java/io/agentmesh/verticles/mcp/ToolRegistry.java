package io.agentmesh.verticles.mcp;

import io.agentmesh.contract.AcceptedText;
import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.conformance.ConformancePackAddresses;
import io.agentmesh.contract.tools.ToolCall;
import io.agentmesh.contract.tools.ToolCallChannel;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolInvocation;
import io.agentmesh.contract.tools.ToolOutput;
import io.agentmesh.contract.tools.ToolPage;
import io.agentmesh.contract.tools.ToolQuery;
import io.agentmesh.contract.tools.ToolRegistration;
import io.agentmesh.contract.tools.ToolResult;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The registry: domains register their tools; callers list, read and call them. A call is checked (the tool
 * exists, the caller's credential carries its scope, the arguments match its input schema) before it runs as the
 * caller, on the tool's own bus address, with a timeout; an output schema, when declared, is checked after.
 * Failures while running are results with {@code isError}, not transport errors.
 */
final class ToolRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(ToolRegistry.class);

  private final ToolStore store;
  private final ToolCatalog catalog;
  private final EventBus bus;
  private final long timeoutMs;

  ToolRegistry(ToolStore store, ToolCatalog catalog, EventBus bus, long timeoutMs) {
    this.store = store;
    this.catalog = catalog;
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  Future<Void> reload() {
    return store.all().onSuccess(catalog::replace).mapEmpty();
  }

  Future<Void> register(Message<ToolRegistration> message) {
    ToolRegistration registration = message.body();
    List<FieldError> errors = new ArrayList<>();
    for (ToolDefinition tool : registration.tools()) {
      if (tool.name() == null || !ToolDefinition.NAME.matcher(tool.name()).matches()) {
        errors.add(new FieldError("tools." + tool.name(), "a tool name matches ^[a-zA-Z0-9_-]{1,64}$"));
      }
      if (tool.address() == null || tool.address().isBlank()) {
        errors.add(new FieldError("tools." + tool.name() + ".address", "is required"));
      }
    }
    if (!errors.isEmpty()) {
      throw DomainException.validation(errors);
    }
    return store.replace(registration).compose(changed -> {
      if (changed) {
        bus.publish(ToolsAddresses.CHANGED, registration.domain());
      }
      return changed ? reload() : Future.succeededFuture();
    });
  }

  /** A guest sees and calls only the tools its scope opens; a tool without a scope needs a signed-in user. */
  Future<ToolPage> list(Message<ToolQuery> message) {
    RequestConsumers.caller(message);
    ToolQuery query = message.body();
    ListQuery page = new ListQuery(query.limit(), query.order(), query.after(), query.before());
    if (!page.problems().isEmpty()) {
      throw DomainException.validation(page.problems());
    }
    Principal caller = BusHeaders.principal(message);
    List<ToolDefinition> tools = new ArrayList<>(catalog.all().stream()
      .filter(tool -> query.category() == null || query.category().equals(tool.category()))
      .filter(tool -> !caller.isGuest() || mayCall(caller, tool)).toList());
    if (!page.ascending() && "desc".equals(page.order())) {
      Collections.reverse(tools);
    }
    boolean backwards = page.before() != null;
    String cursor = backwards ? page.before() : page.after();
    List<ToolDefinition> window = new ArrayList<>();
    int limit = page.limitOrDefault();
    int start = cursor == null ? 0 : indexAfter(tools, cursor, backwards);
    int step = backwards ? -1 : 1;
    for (int i = start; i >= 0 && i < tools.size() && window.size() <= limit; i += step) {
      window.add(tools.get(i));
    }
    boolean hasMore = window.size() > limit;
    if (hasMore) {
      window.remove(window.size() - 1);
    }
    if (backwards) {
      Collections.reverse(window);
    }
    return Future.succeededFuture(new ToolPage(window, window.isEmpty() ? null : window.get(0).name(),
      window.isEmpty() ? null : window.get(window.size() - 1).name(), hasMore));
  }

  Future<ToolDefinition> get(Message<ResourceId> message) {
    RequestConsumers.caller(message);
    return Future.succeededFuture(catalog.get(message.body().id())
      .orElseThrow(() -> DomainException.notFound("Tool " + message.body().id())).definition());
  }

  /**
   * Unknown tool 404, missing scope 403, invalid arguments 422; then the call runs as the caller. Calling a tool
   * needs tools:call, or tasks:run for the calls a task's model makes (or, for a guest, the conformance pack's scope);
   * the tool's own scope is needed either way.
   */
  Future<ToolResult> invoke(Message<ToolCall> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.TOOLS_CALL, Scopes.TASKS_RUN,
      ConformancePackAddresses.SCOPE);
    ToolCall call = message.body();
    ToolCatalog.Entry tool = catalog.get(call.name())
      .orElseThrow(() -> DomainException.notFound("Tool " + call.name()));
    if (!mayCall(caller, tool.definition())) {
      String scope = tool.definition().scope();
      throw new DomainException(ErrorCode.FORBIDDEN, "Calling " + call.name()
        + (scope == null ? " needs a signed-in user." : " needs the scope " + scope + "."));
    }
    Map<String, Object> arguments = call.arguments() == null ? Map.of() : call.arguments();
    // Text rules first: JSON encoding would turn an infinite number into the string "Infinity", which a string
    // argument's schema accepts.
    List<FieldError> invalid = AcceptedText.problems(arguments);
    if (invalid.isEmpty()) {
      invalid = ToolCatalog.problems(tool.input(), new JsonObject(Json.encode(arguments)));
    }
    if (!invalid.isEmpty()) {
      throw DomainException.validation(invalid.stream()
        .map(e -> new FieldError(e.field().isEmpty() ? "arguments" : "arguments." + e.field(), e.reason())).toList());
    }
    return bus.<ToolOutput>request(tool.definition().address(), new ToolInvocation(call.name(), arguments),
        forwarded(message, caller))
      .map(reply -> result(tool, reply.body()))
      .recover(failure -> Future.succeededFuture(failed(call.name(), failure)));
  }

  /** The text blocks of a tool's own content, for callers that read text only (REST, agents). */
  private static String textOf(List<Map<String, Object>> content) {
    return String.join("\n", content.stream().filter(block -> "text".equals(block.get("type")))
      .map(block -> String.valueOf(block.get("text"))).toList());
  }

  /** The call's headers for the tool: the caller, the request id, the MCP channel and the idempotency key. */
  private DeliveryOptions forwarded(Message<ToolCall> message, Principal caller) {
    DeliveryOptions options = ToolCallChannel.forward(message,
      BusHeaders.deliveryOptions(caller, BusHeaders.requestId(message), timeoutMs));
    String key = message.headers().get(BusHeaders.IDEMPOTENCY_KEY);
    return key == null ? options : options.addHeader(BusHeaders.IDEMPOTENCY_KEY, key);
  }

  private static boolean mayCall(Principal caller, ToolDefinition tool) {
    return tool.scope() == null ? !caller.isGuest() : caller.hasScope(tool.scope());
  }

  /** A tool's answer, repaired to the platform's text rules (a tool, above all an upstream server's, is outside). */
  private static ToolResult result(ToolCatalog.Entry tool, ToolOutput answer) {
    ToolOutput output = answer == null ? null : accepted(answer);
    Object structured = output == null ? null : output.result();
    String text = structured == null && output != null && output.content() != null ? textOf(output.content())
      : Json.encode(structured);
    if (tool.output() != null) {
      Object checked = structured instanceof Map<?, ?> ? new JsonObject(text) : structured;
      List<FieldError> problems = ToolCatalog.problems(tool.output(), checked);
      if (!problems.isEmpty()) {
        LOG.error("Tool {} answered outside its output schema: {}", tool.definition().name(), problems);
        return new ToolResult(tool.definition().name(), null, "The tool's answer did not match its declared output.",
          true);
      }
    }
    return new ToolResult(tool.definition().name(), structured, text, false, output == null ? null : output.content());
  }

  @SuppressWarnings("unchecked")
  private static ToolOutput accepted(ToolOutput output) {
    return new ToolOutput(AcceptedText.clean(output.result()), output.content() == null ? null
      : (List<Map<String, Object>>) AcceptedText.clean(output.content()));
  }

  private static ToolResult failed(String name, Throwable failure) {
    String text;
    if (failure instanceof DomainException domain) {
      text = AcceptedText.clean(domain.getMessage());
    } else if (failure instanceof ReplyException reply) {
      text = switch (reply.failureType()) {
        case TIMEOUT -> "The tool did not answer in time.";
        case NO_HANDLERS -> "The tool is unavailable: no node serves it right now.";
        default -> "The tool failed.";
      };
    } else {
      LOG.error("Tool {} failed", name, failure);
      text = "The tool failed.";
    }
    return new ToolResult(name, null, text, true);
  }

  private static int indexAfter(List<ToolDefinition> tools, String cursor, boolean backwards) {
    for (int i = 0; i < tools.size(); i++) {
      if (tools.get(i).name().equals(cursor)) {
        return backwards ? i - 1 : i + 1;
      }
    }
    return backwards ? -1 : tools.size();
  }
}
