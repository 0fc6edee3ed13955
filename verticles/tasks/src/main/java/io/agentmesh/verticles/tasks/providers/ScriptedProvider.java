package io.agentmesh.verticles.tasks.providers;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The scripted provider, for demos and tests (never a default): it replays a script from configuration
 * ({@code providers.scripted.scripts.<model name>}), one turn per model call, deterministically. A turn is
 * {@code {deltas: [...], tool_calls: [{name, arguments}], delay_ms, input_tokens, output_tokens}}; the turn used is
 * the number of assistant turns since the last user message (the last turn repeats).
 */
public final class ScriptedProvider implements ModelProvider {

  private final Vertx vertx;
  private final JsonObject scripts;

  public ScriptedProvider(Vertx vertx, JsonObject scripts) {
    this.vertx = vertx;
    this.scripts = scripts;
  }

  @Override
  public Future<ModelTurn> complete(ModelRequest request, Consumer<String> onDelta) {
    JsonArray script = scripts.getJsonArray(request.model());
    if (script == null || script.isEmpty()) {
      return Future.failedFuture(new ProviderException("invalid_request", "The scripted provider has no script named "
        + request.model() + "; add it under providers.scripted.scripts.", false, 0));
    }
    JsonObject turn = script.getJsonObject(Math.min(assistantTurns(request.messages()), script.size() - 1));
    List<String> deltas = new ArrayList<>();
    turn.getJsonArray("deltas", new JsonArray()).forEach(delta -> deltas.add(String.valueOf(delta)));
    Promise<ModelTurn> done = Promise.promise();
    request.cancellation().onFire(() -> done.tryFail(new ProviderException("cancelled",
      request.cancellation().reason(), false, 0)));
    emit(deltas, 0, turn.getLong("delay_ms", 0L), onDelta, done, turn);
    return done.future();
  }

  private void emit(List<String> deltas, int next, long delayMs, Consumer<String> onDelta, Promise<ModelTurn> done,
                    JsonObject turn) {
    if (done.future().isComplete()) {
      return;
    }
    if (next == deltas.size()) {
      done.tryComplete(turn(turn, String.join("", deltas)));
      return;
    }
    Runnable step = () -> {
      if (!done.future().isComplete()) {
        onDelta.accept(deltas.get(next));
        emit(deltas, next + 1, delayMs, onDelta, done, turn);
      }
    };
    if (delayMs > 0) {
      vertx.setTimer(delayMs, t -> step.run());
    } else {
      step.run();
    }
  }

  private static ModelTurn turn(JsonObject turn, String text) {
    List<ToolCallRequest> calls = new ArrayList<>();
    JsonArray requested = turn.getJsonArray("tool_calls", new JsonArray());
    for (int i = 0; i < requested.size(); i++) {
      JsonObject call = requested.getJsonObject(i);
      calls.add(new ToolCallRequest("call_" + (i + 1), call.getString("name"),
        call.getJsonObject("arguments", new JsonObject()).getMap()));
    }
    return new ModelTurn(text, calls, turn.getInteger("input_tokens", 10), turn.getInteger("output_tokens",
      Math.max(1, text.length() / 4)), calls.isEmpty() ? "stop" : "tool_calls");
  }

  private static int assistantTurns(List<Map<String, Object>> messages) {
    int turns = 0;
    for (Map<String, Object> message : messages) {
      if ("user".equals(message.get("role"))) {
        turns = 0;
      } else if ("assistant".equals(message.get("role"))) {
        turns++;
      }
    }
    return turns;
  }
}
