package io.agentmesh.node.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A node's configuration, validated once at start. Verticles receive {@link #json()} (their own sections) as their
 * deployment config; everything the launcher itself needs is typed here.
 */
public record NodeConfig(
  JsonObject json,
  boolean prod,
  List<RoleSpec> roles,
  Path dataDirectory,
  long shutdownGraceMs,
  Optional<String> postgresUrl,
  int postgresEmbeddedPort,
  Optional<String> redisUrl,
  int redisEmbeddedPort,
  ClusterSettings cluster,
  boolean metricsEnabled) {

  /** The role of the conformance pack, deployed only with {@code mcp.conformance_pack}. */
  static final String CONFORMANCE_ROLE = "conformance";
  private static final Pattern ROLE_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,31}$");

  /** Validates {@code json}; {@code rolesOverride} (from {@code --roles}) replaces {@code node.roles} when given. */
  public static NodeConfig from(JsonObject json, String rolesOverride) {
    ConfigReader read = new ConfigReader(json);
    boolean prod = read.oneOf("mode", "dev", "prod").equals("prod");
    read.integer("http.port", 0, 65535);
    read.string("http.host");
    read.integer("http.body_limit_bytes", 1024, 256 * 1024 * 1024);
    read.integer("bus.send_timeout_ms", 100, 600_000);
    read.bool("bus.prefer_local");
    Map<String, RoleSpec> catalog = catalog(json);
    boolean pack = read.bool("mcp.conformance_pack");
    if (pack && prod) {
      throw new ConfigException("mcp.conformance_pack", "the conformance pack lets MCP clients in without a "
        + "credential; it is for dev mode only");
    }
    if (!pack) {
      // The pack's role exists only while the flag is on: "all" leaves it out, naming it is an error.
      catalog.remove(CONFORMANCE_ROLE);
    }
    String wanted = rolesOverride != null ? rolesOverride : read.string("node.roles");
    NodeConfig config = new NodeConfig(json, prod, chooseRoles(catalog, wanted),
      Path.of(read.string("node.data_dir").isEmpty() ? "./data" : read.string("node.data_dir")),
      read.integer("node.shutdown_grace_ms", 0, 600_000),
      nonEmpty(read.string("postgres.url")), read.integer("postgres.embedded_port", 0, 65535),
      nonEmpty(read.string("redis.url")), read.integer("redis.embedded_port", 0, 65535),
      ClusterSettings.from(read), read.bool("metrics.enabled"));
    read.integer("postgres.pool_size", 1, 1000);
    read.oneOf("redis.on_down", "open", "closed");
    read.integer("http.auth_body_limit_bytes", 1024, 256 * 1024 * 1024);
    read.bool("http.hsts");
    read.bool("metrics.public");
    validateSections(read);
    ObjectSettings.validate(json);
    config.checkMode();
    return config;
  }

  private static void validateSections(ConfigReader read) {
    read.bool("rate_limit.enabled");
    for (String limit : new String[] {"auth", "read", "write"}) {
      read.integer("rate_limit." + limit + "_limit", 1, 10_000_000);
      read.integer("rate_limit." + limit + "_window_seconds", 1, 86_400);
    }
    read.integer("memory.compact_keep_recent", 0, 10_000);
    read.integer("tasks.worker_concurrency", 1, 10_000);
    read.integer("tasks.lease_ms", 1000, 600_000);
    read.integer("tasks.poll_ms", 10, 600_000);
    read.integer("tasks.sweep_ms", 100, 600_000);
    read.integer("tasks.max_attempts", 1, 20);
    read.integer("tasks.default_max_steps", 1, 100);
    read.integer("tasks.deadline_seconds", 1, 31_536_000);
    read.integer("tasks.context_tokens", 100, 2_000_000);
    read.integer("tasks.retry_base_ms", 1, 600_000);
    read.integer("tasks.retry_max_ms", 1, 3_600_000);
    read.integer("tasks.unavailable_wait_seconds", 0, 86_400);
    read.integer("mcp.tool_timeout_ms", 100, 3_600_000);
    read.integer("mcp.upstream_refresh_seconds", 5, 86_400);
    read.integer("auth.access_ttl_seconds", 60, 86_400);
    read.integer("auth.refresh_absolute_ttl_seconds", 60, 31_536_000);
    read.integer("auth.refresh_idle_ttl_seconds", 60, 31_536_000);
    read.integer("auth.refresh_grace_seconds", 0, 300);
    read.integer("auth.hash_threads", 1, 64);
    read.integer("auth.hash_queue_max", 1, 100_000);
    read.integer("auth.argon2_memory_kib", 8192, 4_194_304);
    read.integer("auth.argon2_iterations", 1, 100);
    read.integer("auth.argon2_parallelism", 1, 64);
    read.integer("auth.lockout_threshold", 1, 1000);
    read.integer("auth.lockout_address_threshold", 1, 100_000);
    read.integer("auth.lockout_window_seconds", 1, 86_400);
    read.integer("auth.lockout_max_delay_seconds", 1, 86_400);
  }

  private void checkMode() {
    if (!prod) {
      return;
    }
    if (postgresUrl.isEmpty()) {
      throw new ConfigException("postgres.url", "required in prod mode (the embedded PostgreSQL is for dev only); set "
        + ConfigLoader.envName("postgres.url"));
    }
    if (redisUrl.isEmpty()) {
      throw new ConfigException("redis.url", "required in prod mode (the embedded Redis is for dev only); set "
        + ConfigLoader.envName("redis.url"));
    }
    if (runs("auth") && new ConfigReader(json).string("auth.signing_key_pem").isEmpty()) {
      throw new ConfigException("auth.signing_key_pem", "required in prod mode (generated signing keys are for dev "
        + "only); set " + ConfigLoader.envName("auth.signing_key_pem") + " to the PEM or a file holding it");
    }
  }

  public int httpPort() {
    return json.getJsonObject("http").getInteger("port");
  }

  public boolean runs(String role) {
    return roles.stream().anyMatch(r -> r.name().equals(role));
  }

  public List<String> roleNames() {
    return roles.stream().map(RoleSpec::name).toList();
  }

  private static Map<String, RoleSpec> catalog(JsonObject json) {
    JsonObject roles = json.getJsonObject("roles", new JsonObject());
    Map<String, RoleSpec> catalog = new LinkedHashMap<>();
    for (String name : roles.fieldNames()) {
      if (!ROLE_NAME.matcher(name).matches()) {
        throw new ConfigException("roles." + name, "a role name is lower case letters, digits and _");
      }
      ConfigReader read = new ConfigReader(json);
      String verticle = read.string("roles." + name + ".verticle");
      if (verticle.isEmpty()) {
        throw new ConfigException("roles." + name + ".verticle", "the verticle class of the role is missing");
      }
      catalog.put(name, new RoleSpec(name, verticle, read.integer("roles." + name + ".instances", 1, 64)));
    }
    return catalog;
  }

  private static List<RoleSpec> chooseRoles(Map<String, RoleSpec> catalog, String wanted) {
    if (wanted.isBlank() || wanted.equals("all")) {
      return List.copyOf(catalog.values());
    }
    List<RoleSpec> chosen = new ArrayList<>();
    for (String name : Arrays.stream(wanted.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
      RoleSpec spec = catalog.get(name);
      if (spec == null) {
        throw new ConfigException("node.roles", "unknown role \"" + name + "\"; known roles: all, "
          + String.join(", ", catalog.keySet()));
      }
      chosen.add(spec);
    }
    return List.copyOf(chosen);
  }

  private static Optional<String> nonEmpty(String value) {
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
