package io.agentmesh.verticles.memory;

import io.vertx.core.json.JsonObject;

/**
 * Settings of the memory domain (config section {@code memory}); the defaults are in config/default.json only.
 *
 * @param defaultEncoding     tokenizer of sessions whose agent's model is not matched by {@code o200kModelPrefixes}
 * @param o200kModelPrefixes  model name prefixes counted with o200k_base (comma-separated)
 * @param compactKeepRecent   messages a compaction leaves as they are
 * @param compactAtShare      share of the token budget past which a context build starts a compaction; 0 never
 */
record MemoryOptions(String defaultEncoding, String o200kModelPrefixes, int compactKeepRecent,
                     double compactAtShare) {

  static MemoryOptions fromConfig(JsonObject config) {
    JsonObject memory = config.getJsonObject("memory");
    return new MemoryOptions(memory.getString("default_encoding"), memory.getString("o200k_model_prefixes"),
      memory.getInteger("compact_keep_recent"), memory.getDouble("compact_at_share"));
  }
}
