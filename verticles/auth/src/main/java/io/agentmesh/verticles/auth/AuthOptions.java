package io.agentmesh.verticles.auth;

import io.vertx.core.json.JsonObject;

/** The auth domain's settings, from the {@code auth} section of the node configuration. */
record AuthOptions(
  boolean prod,
  String issuer,
  String audience,
  long accessTtlSeconds,
  long refreshAbsoluteTtlSeconds,
  long refreshIdleTtlSeconds,
  long refreshGraceSeconds,
  String signingKeyPem,
  int hashThreads,
  int hashQueueMax,
  int argon2MemoryKib,
  int argon2Iterations,
  int argon2Parallelism,
  int lockoutThreshold,
  int lockoutAddressThreshold,
  long lockoutWindowSeconds,
  long lockoutMaxDelaySeconds,
  String bootstrapAdminUsername,
  String bootstrapAdminEmail,
  String bootstrapAdminPassword) {

  static AuthOptions fromConfig(JsonObject config) {
    JsonObject auth = config.getJsonObject("auth", new JsonObject());
    return new AuthOptions(
      "prod".equals(config.getString("mode")),
      auth.getString("issuer", "agentmesh"),
      auth.getString("audience", "agentmesh-api"),
      auth.getLong("access_ttl_seconds", 900L),
      auth.getLong("refresh_absolute_ttl_seconds", 604_800L),
      auth.getLong("refresh_idle_ttl_seconds", 604_800L),
      auth.getLong("refresh_grace_seconds", 0L),
      auth.getString("signing_key_pem", ""),
      auth.getInteger("hash_threads", 1),
      auth.getInteger("hash_queue_max", 32),
      auth.getInteger("argon2_memory_kib", 19_456),
      auth.getInteger("argon2_iterations", 2),
      auth.getInteger("argon2_parallelism", 1),
      auth.getInteger("lockout_threshold", 5),
      auth.getInteger("lockout_address_threshold", 20),
      auth.getLong("lockout_window_seconds", 900L),
      auth.getLong("lockout_max_delay_seconds", 300L),
      auth.getString("bootstrap_admin_username", ""),
      auth.getString("bootstrap_admin_email", ""),
      auth.getString("bootstrap_admin_password", ""));
  }
}
