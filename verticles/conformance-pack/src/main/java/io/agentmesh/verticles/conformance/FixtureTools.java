package io.agentmesh.verticles.conformance;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.conformance.ConformancePackAddresses;
import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolCallChannel;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolHandlers;
import io.agentmesh.contract.tools.ToolInvocation;
import io.agentmesh.contract.tools.ToolOutput;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tools the conformance suite calls by name, registered like any domain's tools (category {@code conformance},
 * scope {@link ConformancePackAddresses#SCOPE}). Those that talk to the client during the call (log, progress,
 * sampling, elicitation, reconnection) go through {@link ToolCallChannel}, the same path a real tool uses.
 */
final class FixtureTools {

  private static final Map<String, Object> NO_ARGUMENTS = Map.of("type", "object", "properties", Map.of());
  private static final long ASK_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final ToolHandlers handlers;

  FixtureTools(Vertx vertx) {
    this.vertx = vertx;
    this.handlers = new ToolHandlers(vertx, "conformance");
  }

  Future<Void> serve() {
    content("test_simple_text", "Returns simple text.", List.of(text("This is a simple text response for testing.")));
    content("test_image_content", "Returns an image.", List.of(image()));
    content("test_audio_content", "Returns audio.", List.of(Map.of("type", "audio", "data", FixtureMedia.WAV,
      "mimeType", "audio/wav")));
    content("test_embedded_resource", "Returns an embedded resource.", List.of(resource("test://embedded-resource",
      "text/plain", "This is an embedded resource content.")));
    content("test_multiple_content_types", "Returns text, an image and a resource.", List.of(
      text("Multiple content types test:"), image(),
      resource("test://mixed-content-resource", "application/json", "{\"test\":\"data\",\"value\":123}")));
    tool("test_error_handling", "Always fails.", NO_ARGUMENTS, call -> Future.failedFuture(
      new DomainException(ErrorCode.VALIDATION_FAILED, "This tool intentionally returns an error for testing")));
    tool("test_tool_with_logging", "Logs three messages while it runs.", NO_ARGUMENTS, this::withLogging);
    tool("test_tool_with_progress", "Reports progress while it runs.", NO_ARGUMENTS, this::withProgress);
    tool("test_sampling", "Asks the client's model.", required("prompt"), this::sampling);
    tool("test_elicitation", "Asks the user for a name and an email.", required("message"), this::elicitation);
    tool("test_elicitation_sep1034_defaults", "Asks the user with defaults for every primitive type.", NO_ARGUMENTS,
      call -> elicit(call, "Confirm your details", FixtureSchemas.DEFAULTS));
    tool("test_elicitation_sep1330_enums", "Asks the user with every kind of enum.", NO_ARGUMENTS,
      call -> elicit(call, "Pick your options", FixtureSchemas.ENUMS));
    tool("test_reconnection", "Ends its stream mid-call; the client resumes it.", NO_ARGUMENTS, this::reconnection);
    tool("json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features", FixtureSchemas.JSON_SCHEMA_2020_12,
      call -> Future.succeededFuture(new ToolOutput(Map.of("received", call.body().arguments()))));
    return handlers.start();
  }

  private Future<ToolOutput> withLogging(Message<ToolInvocation> call) {
    ToolCallChannel channel = ToolCallChannel.of(vertx.eventBus(), call);
    channel.log("info", "Tool execution started");
    return pause(50).compose(t -> {
      channel.log("info", "Tool processing data");
      return pause(50);
    }).map(t -> {
      channel.log("info", "Tool execution completed");
      return ToolOutput.of(List.of(text("Tool with logging executed successfully")));
    });
  }

  private Future<ToolOutput> withProgress(Message<ToolInvocation> call) {
    ToolCallChannel channel = ToolCallChannel.of(vertx.eventBus(), call);
    channel.progress(0, 100.0, "starting");
    return pause(50).compose(t -> {
      channel.progress(50, 100.0, "halfway");
      return pause(50);
    }).map(t -> {
      channel.progress(100, 100.0, "done");
      return ToolOutput.of(List.of(text("Tool with progress executed successfully")));
    });
  }

  private Future<ToolOutput> sampling(Message<ToolInvocation> call) {
    String prompt = String.valueOf(call.body().arguments().get("prompt"));
    Map<String, Object> params = Map.of("messages", List.of(Map.of("role", "user",
      "content", Map.of("type", "text", "text", prompt))), "maxTokens", 100);
    return ToolCallChannel.of(vertx.eventBus(), call).ask("sampling/createMessage", params, ASK_TIMEOUT_MS)
      .map(answer -> {
        Object content = answer.get("content");
        Object said = content instanceof Map<?, ?> block ? block.get("text") : content;
        return ToolOutput.of(List.of(text("LLM response: " + said)));
      });
  }

  private Future<ToolOutput> elicitation(Message<ToolInvocation> call) {
    return askUser(call, String.valueOf(call.body().arguments().get("message")), FixtureSchemas.USER_DETAILS)
      .map(answer -> ToolOutput.of(List.of(text("User response: " + summary(answer)))));
  }

  private Future<ToolOutput> elicit(Message<ToolInvocation> call, String message, Map<String, Object> schema) {
    return askUser(call, message, schema)
      .map(answer -> ToolOutput.of(List.of(text("Elicitation completed: " + summary(answer)))));
  }

  private Future<Map<String, Object>> askUser(Message<ToolInvocation> call, String message,
                                             Map<String, Object> schema) {
    return ToolCallChannel.of(vertx.eventBus(), call)
      .ask("elicitation/create", Map.of("message", message, "requestedSchema", schema), ASK_TIMEOUT_MS);
  }

  private static String summary(Map<String, Object> answer) {
    return "action=" + answer.get("action") + ", content=" + Json.encode(answer.getOrDefault("content", Map.of()));
  }

  /** Ends the client's stream at once, answers a moment later: the client must resume to see the answer. */
  private Future<ToolOutput> reconnection(Message<ToolInvocation> call) {
    ToolCallChannel.of(vertx.eventBus(), call).reconnect(500);
    return pause(300).map(t -> ToolOutput.of(List.of(text("Reconnection test completed"))));
  }

  private Future<Long> pause(long ms) {
    return Future.future(promise -> vertx.setTimer(ms, promise::complete));
  }

  private void content(String name, String description, List<Map<String, Object>> blocks) {
    tool(name, description, NO_ARGUMENTS, call -> Future.succeededFuture(ToolOutput.of(blocks)));
  }

  private void tool(String name, String description, Map<String, Object> input,
                    Function<Message<ToolInvocation>, Future<?>> handler) {
    handlers.tool(new ToolDefinition(name, name, description, input, null, ToolAnnotations.READ_ONLY, "conformance",
      "conformance.tools." + name, ConformancePackAddresses.SCOPE), handler);
  }

  private static Map<String, Object> required(String argument) {
    return Map.of("type", "object", "required", List.of(argument),
      "properties", Map.of(argument, Map.of("type", "string")));
  }

  static Map<String, Object> text(String text) {
    return Map.of("type", "text", "text", text);
  }

  static Map<String, Object> image() {
    return Map.of("type", "image", "data", FixtureMedia.PNG, "mimeType", "image/png");
  }

  static Map<String, Object> resource(String uri, String mimeType, String text) {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("uri", uri);
    resource.put("mimeType", mimeType);
    resource.put("text", text);
    return Map.of("type", "resource", "resource", resource);
  }
}
