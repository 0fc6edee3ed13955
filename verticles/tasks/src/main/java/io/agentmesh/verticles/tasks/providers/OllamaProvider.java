package io.agentmesh.verticles.tasks.providers;

import io.agentmesh.streams.NdjsonReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Ollama's native chat API: {@code POST <base_url>/api/chat} streaming newline-delimited JSON; each line carries a
 * piece of {@code message.content} (and whole {@code message.tool_calls}); the last ({@code done: true}) carries
 * the token counts ({@code prompt_eval_count}, {@code eval_count}) and {@code done_reason}.
 */
final class OllamaProvider implements ModelProvider {

  private final ProviderEndpoint endpoint;

  OllamaProvider(ProviderEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public Future<ModelTurn> complete(ModelRequest request, Consumer<String> onDelta) {
    TurnBuilder turn = new TurnBuilder();
    int[] calls = {0};
    NdjsonReader reader = new NdjsonReader(line -> line(new JsonObject(line), turn, onDelta, calls));
    return endpoint.stream("/api/chat", body(request), request.cancellation(), reader::feed).map(done -> {
      reader.end();
      return turn.build();
    });
  }

  private static void line(JsonObject line, TurnBuilder turn, Consumer<String> onDelta, int[] calls) {
    if (line.getString("error") != null) {
      throw new ProviderException("provider_error", line.getString("error"), true, 0);
    }
    JsonObject message = line.getJsonObject("message", new JsonObject());
    String content = message.getString("content");
    if (content != null && !content.isEmpty()) {
      turn.text(content);
      onDelta.accept(content);
    }
    JsonArray toolCalls = message.getJsonArray("tool_calls", new JsonArray());
    for (int i = 0; i < toolCalls.size(); i++) {
      JsonObject function = toolCalls.getJsonObject(i).getJsonObject("function", new JsonObject());
      int index = calls[0]++;
      turn.call(index, "call_" + (index + 1), function.getString("name"),
        function.getJsonObject("arguments", new JsonObject()).getMap());
    }
    if (line.getBoolean("done", false)) {
      turn.inputTokens(line.getInteger("prompt_eval_count", 0));
      turn.outputTokens(line.getInteger("eval_count", 0));
      turn.finishReason(calls[0] > 0 ? "tool_calls" : line.getString("done_reason"));
    }
  }

  @SuppressWarnings("unchecked")
  static JsonObject body(ModelRequest request) {
    JsonArray messages = new JsonArray();
    for (Map<String, Object> message : request.messages()) {
      JsonObject wire = new JsonObject().put("role", message.get("role")).put("content", message.get("content"));
      if (message.get("tool_calls") instanceof List<?> list && !list.isEmpty()) {
        wire.put("tool_calls", new JsonArray(list.stream().map(item -> {
          Map<String, Object> call = (Map<String, Object>) item;
          return new JsonObject().put("function", new JsonObject().put("name", call.get("name"))
            .put("arguments", FunctionCalling.argumentsObject(call.get("arguments"))));
        }).toList()));
      }
      messages.add(wire);
    }
    JsonObject options = new JsonObject();
    request.parameters().forEach((key, value) -> options.put(key.equals("max_output_tokens") ? "num_predict" : key,
      value));
    JsonObject body = new JsonObject().put("model", request.model()).put("stream", true).put("messages", messages)
      .put("options", options);
    if (!request.tools().isEmpty()) {
      body.put("tools", FunctionCalling.functionTools(request.tools()));
    }
    return body;
  }
}
