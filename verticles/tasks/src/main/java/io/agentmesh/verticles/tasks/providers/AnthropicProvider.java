package io.agentmesh.verticles.tasks.providers;

import io.agentmesh.streams.SseReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic's Messages API: {@code POST <base_url>/v1/messages} with {@code stream: true}. Server-sent events:
 * message_start (input tokens), content_block_start (text or tool_use), content_block_delta (text_delta,
 * input_json_delta), message_delta (stop reason, output tokens), message_stop; an {@code error} event fails the
 * call (overloaded_error is retryable).
 */
final class AnthropicProvider implements ModelProvider {

  private static final int DEFAULT_MAX_TOKENS = 4096;

  private final ProviderEndpoint endpoint;

  AnthropicProvider(ProviderEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public Future<ModelTurn> complete(ModelRequest request, Consumer<String> onDelta) {
    TurnBuilder turn = new TurnBuilder();
    SseReader reader = new SseReader(data -> event(new JsonObject(data), turn, onDelta));
    return endpoint.stream("/v1/messages", body(request), request.cancellation(), reader::feed).map(done -> {
      reader.end();
      return turn.build();
    });
  }

  private static void event(JsonObject event, TurnBuilder turn, Consumer<String> onDelta) {
    switch (event.getString("type", "")) {
      case "message_start" -> turn.inputTokens(event.getJsonObject("message", new JsonObject())
        .getJsonObject("usage", new JsonObject()).getInteger("input_tokens", 0));
      case "content_block_start" -> {
        JsonObject block = event.getJsonObject("content_block", new JsonObject());
        if ("tool_use".equals(block.getString("type"))) {
          turn.call(event.getInteger("index", 0), block.getString("id"), block.getString("name"), "");
        }
      }
      case "content_block_delta" -> {
        JsonObject delta = event.getJsonObject("delta", new JsonObject());
        if ("text_delta".equals(delta.getString("type"))) {
          turn.text(delta.getString("text", ""));
          onDelta.accept(delta.getString("text", ""));
        } else if ("input_json_delta".equals(delta.getString("type"))) {
          turn.call(event.getInteger("index", 0), null, null, delta.getString("partial_json", ""));
        }
      }
      case "message_delta" -> {
        turn.finishReason(stopReason(event.getJsonObject("delta", new JsonObject()).getString("stop_reason")));
        turn.outputTokens(event.getJsonObject("usage", new JsonObject()).getInteger("output_tokens", 0));
      }
      case "error" -> {
        JsonObject error = event.getJsonObject("error", new JsonObject());
        boolean retryable = List.of("overloaded_error", "api_error", "rate_limit_error")
          .contains(error.getString("type"));
        throw new ProviderException(error.getString("type", "").equals("rate_limit_error") ? "rate_limited"
          : "provider_error", error.getString("message", "stream error"), retryable, 0);
      }
      default -> { }
    }
  }

  private static String stopReason(String reason) {
    return reason == null ? null : switch (reason) {
      case "end_turn", "stop_sequence" -> "stop";
      case "tool_use" -> "tool_calls";
      case "max_tokens" -> "length";
      default -> reason;
    };
  }

  @SuppressWarnings("unchecked")
  static JsonObject body(ModelRequest request) {
    StringBuilder system = new StringBuilder();
    JsonArray messages = new JsonArray();
    for (Map<String, Object> message : request.messages()) {
      String role = String.valueOf(message.get("role"));
      String content = String.valueOf(message.getOrDefault("content", ""));
      switch (role) {
        case "system" -> system.append(system.isEmpty() ? "" : "\n\n").append(content);
        case "tool" -> messages.add(new JsonObject().put("role", "user").put("content", new JsonArray()
          .add(new JsonObject().put("type", "tool_result").put("tool_use_id", message.get("tool_call_id"))
            .put("content", content))));
        case "assistant" -> {
          List<JsonObject> blocks = new ArrayList<>();
          if (!content.isEmpty()) {
            blocks.add(new JsonObject().put("type", "text").put("text", content));
          }
          if (message.get("tool_calls") instanceof List<?> calls) {
            for (Object item : calls) {
              Map<String, Object> call = (Map<String, Object>) item;
              blocks.add(new JsonObject().put("type", "tool_use").put("id", call.get("id"))
                .put("name", call.get("name")).put("input", FunctionCalling.argumentsObject(call.get("arguments"))));
            }
          }
          messages.add(new JsonObject().put("role", "assistant").put("content", new JsonArray(blocks)));
        }
        default -> messages.add(new JsonObject().put("role", "user").put("content", content));
      }
    }
    Map<String, Object> parameters = request.parameters();
    JsonObject body = new JsonObject().put("model", request.model()).put("stream", true).put("messages", messages)
      .put("max_tokens", parameters.getOrDefault("max_output_tokens", DEFAULT_MAX_TOKENS));
    if (!system.isEmpty()) {
      body.put("system", system.toString());
    }
    parameters.forEach((key, value) -> {
      if (!key.equals("max_output_tokens")) {
        body.put(key, value);
      }
    });
    if (!request.tools().isEmpty()) {
      body.put("tools", new JsonArray(request.tools().stream().map(tool -> new JsonObject()
        .put("name", tool.get("name")).put("description", tool.get("description"))
        .put("input_schema", new JsonObject((Map<String, Object>) tool.get("input_schema")))).toList()));
    }
    return body;
  }
}
