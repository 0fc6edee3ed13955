package io.agentmesh.verticles.tasks.providers;

import io.agentmesh.streams.SseReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Any OpenAI-compatible Chat Completions server (OpenAI, vLLM, llama.cpp server, LM Studio, Ollama's /v1):
 * {@code POST <base_url>/chat/completions} with {@code stream: true} and usage in the last chunk; text and tool-call
 * argument deltas arrive as server-sent events until {@code data: [DONE]}.
 */
final class OpenAiProvider implements ModelProvider {

  private final ProviderEndpoint endpoint;

  OpenAiProvider(ProviderEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public Future<ModelTurn> complete(ModelRequest request, Consumer<String> onDelta) {
    TurnBuilder turn = new TurnBuilder();
    SseReader reader = new SseReader(data -> chunk(data, turn, onDelta));
    return endpoint.stream("/chat/completions", body(request), request.cancellation(), reader::feed)
      .map(done -> {
        reader.end();
        return turn.build();
      });
  }

  private static void chunk(String data, TurnBuilder turn, Consumer<String> onDelta) {
    if (data.equals("[DONE]")) {
      return;
    }
    JsonObject chunk = new JsonObject(data);
    if (chunk.getJsonObject("error") != null) {
      throw new ProviderException("provider_error", chunk.getJsonObject("error").getString("message"), true, 0);
    }
    JsonObject usage = chunk.getJsonObject("usage");
    if (usage != null) {
      turn.inputTokens(usage.getInteger("prompt_tokens", 0));
      turn.outputTokens(usage.getInteger("completion_tokens", 0));
    }
    JsonArray choices = chunk.getJsonArray("choices", new JsonArray());
    if (choices.isEmpty()) {
      return;
    }
    JsonObject choice = choices.getJsonObject(0);
    turn.finishReason(choice.getString("finish_reason"));
    JsonObject delta = choice.getJsonObject("delta", new JsonObject());
    String content = delta.getString("content");
    if (content != null && !content.isEmpty()) {
      turn.text(content);
      onDelta.accept(content);
    }
    JsonArray calls = delta.getJsonArray("tool_calls", new JsonArray());
    for (int i = 0; i < calls.size(); i++) {
      JsonObject call = calls.getJsonObject(i);
      JsonObject function = call.getJsonObject("function", new JsonObject());
      turn.call(call.getInteger("index", i), call.getString("id"), function.getString("name"),
        function.getString("arguments"));
    }
  }

  static JsonObject body(ModelRequest request) {
    JsonObject body = new JsonObject().put("model", request.model()).put("stream", true)
      .put("stream_options", new JsonObject().put("include_usage", true))
      .put("messages", new JsonArray(request.messages().stream().map(OpenAiProvider::message).toList()));
    if (!request.tools().isEmpty()) {
      body.put("tools", FunctionCalling.functionTools(request.tools()));
    }
    request.parameters().forEach((key, value) -> body.put(key.equals("max_output_tokens") ? "max_tokens" : key,
      value));
    return body;
  }

  @SuppressWarnings("unchecked")
  private static JsonObject message(Map<String, Object> message) {
    JsonObject wire = new JsonObject().put("role", message.get("role")).put("content", message.get("content"));
    Object calls = message.get("tool_calls");
    if (calls instanceof List<?> list && !list.isEmpty()) {
      wire.put("tool_calls", new JsonArray(list.stream().map(item -> {
        Map<String, Object> call = (Map<String, Object>) item;
        return new JsonObject().put("id", call.get("id")).put("type", "function").put("function", new JsonObject()
          .put("name", call.get("name")).put("arguments", FunctionCalling.argumentsText(call.get("arguments"))));
      }).toList()));
      if ("".equals(message.get("content"))) {
        wire.putNull("content");
      }
    }
    if (message.get("tool_call_id") != null) {
      wire.put("tool_call_id", message.get("tool_call_id"));
    }
    return wire;
  }
}
