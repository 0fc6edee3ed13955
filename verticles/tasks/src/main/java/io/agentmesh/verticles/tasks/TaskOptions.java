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

  /** From the node's configuration, validated at start; the defaults are in config/default.json only. */
  static TaskOptions fromConfig(JsonObject config) {
    JsonObject tasks = config.getJsonObject("tasks");
    return new TaskOptions(tasks.getInteger("worker_concurrency"), tasks.getLong("lease_ms"),
      tasks.getLong("poll_ms"), tasks.getLong("sweep_ms"), tasks.getInteger("max_attempts"),
      tasks.getInteger("default_max_steps"), tasks.getLong("deadline_seconds"), tasks.getInteger("context_tokens"),
      tasks.getLong("retry_base_ms"), tasks.getLong("retry_max_ms"), tasks.getLong("unavailable_wait_seconds"),
      tasks.getJsonObject("prices"));
  }
}
