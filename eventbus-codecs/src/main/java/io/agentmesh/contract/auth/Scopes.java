package io.agentmesh.contract.auth;

import java.util.Set;

/**
 * What a credential may do. A user's access token carries every scope of the user's roles; an API key carries its
 * own scopes intersected with what its owner's roles allow, computed again on every use. One scope implies another
 * where the first cannot be used without the second: {@code tasks:run} implies {@code tasks:read} (whoever may run
 * a task may watch it), so keys made before {@code tasks:read} existed keep working.
 */
public final class Scopes {

  public static final String AGENTS_READ = "agents:read";
  public static final String AGENTS_WRITE = "agents:write";
  public static final String TASKS_READ = "tasks:read";
  public static final String TASKS_RUN = "tasks:run";
  public static final String MEMORY_READ = "memory:read";
  public static final String MEMORY_WRITE = "memory:write";
  public static final String TOOLS_CALL = "tools:call";
  public static final String RAG_READ = "rag:read";
  public static final String RAG_WRITE = "rag:write";
  public static final String ECS_READ = "ecs:read";
  public static final String ECS_WRITE = "ecs:write";
  public static final String METRICS_READ = "metrics:read";
  public static final String ADMIN = "admin";

  public static final Set<String> USER = Set.of(AGENTS_READ, AGENTS_WRITE, TASKS_READ, TASKS_RUN, MEMORY_READ,
    MEMORY_WRITE, TOOLS_CALL, RAG_READ, RAG_WRITE, ECS_READ, ECS_WRITE);
  public static final Set<String> ALL = Set.of(AGENTS_READ, AGENTS_WRITE, TASKS_READ, TASKS_RUN, MEMORY_READ,
    MEMORY_WRITE, TOOLS_CALL, RAG_READ, RAG_WRITE, ECS_READ, ECS_WRITE, METRICS_READ, ADMIN);

  private Scopes() {
  }

  public static Set<String> forRoles(Set<String> roles) {
    return roles.contains("admin") ? ALL : roles.contains("user") ? USER : Set.of();
  }

  /** Whether a credential holding {@code held} may do what needs {@code needed}. */
  public static boolean grants(Set<String> held, String needed) {
    return held.contains(needed) || TASKS_READ.equals(needed) && held.contains(TASKS_RUN);
  }
}
