package io.agentmesh.verticles.tasks;

import io.vertx.core.json.JsonObject;

/**
 * Settings of the tasks domain (config section {@code tasks}).
 *
 * @param concurrency  attempts one node runs at once; more tasks wait in the queue, nothing is dropped
 * @param leaseMs      how long a claim lasts without a heartbeat (renewed every third of it)
 * @param pollMs       how often an idle worker looks at the queue without being woken
 * @param contextTokens the token budget of the session context sent to the model
 * @param unavailableWaitSeconds how long a task waits, costing no attempt, for a domain no node serves
 */
record TaskOptions(int concurrency, long leaseMs, long pollMs, long sweepMs, int maxAttempts, int defaultMaxSteps,
                   long deadlineSeconds, int contextTokens, long retryBaseMs, long retryMaxMs,
                   long unavailableWaitSeconds, JsonObject prices) {

  static TaskOptions fromConfig(JsonObject config) {
    JsonObject tasks = config.getJsonObject("tasks", new JsonObject());
    return new TaskOptions(tasks.getInteger("worker_concurrency", 8), tasks.getLong("lease_ms", 15_000L),
      tasks.getLong("poll_ms", 1000L), tasks.getLong("sweep_ms", 2000L), tasks.getInteger("max_attempts", 3),
      tasks.getInteger("default_max_steps", 8), tasks.getLong("deadline_seconds", 3600L),
      tasks.getInteger("context_tokens", 16_000), tasks.getLong("retry_base_ms", 500L),
      tasks.getLong("retry_max_ms", 30_000L), tasks.getLong("unavailable_wait_seconds", 60L),
      tasks.getJsonObject("prices", new JsonObject()));
  }
}
