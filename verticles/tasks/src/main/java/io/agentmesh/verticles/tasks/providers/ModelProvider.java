package io.agentmesh.verticles.tasks.providers;

import io.vertx.core.Future;

import java.util.function.Consumer;

/** One model API: a call streams text deltas as they come and ends with the whole turn. */
public interface ModelProvider {

  /** Fails with {@link ProviderException} (retryable or not) or when {@code request.cancellation()} fires. */
  Future<ModelTurn> complete(ModelRequest request, Consumer<String> onDelta);
}
