package io.agentmesh.contract.auth;

import java.util.Set;

/**
 * What a credential may do. A user's access token carries every scope of the user's roles; an API key carries its
 * own scopes intersected with what its owner's roles allow, computed again on every use.
 */
public final class Scopes {

  public static final String AGENTS_READ = "agents:read";
  public static final String AGENTS_WRITE = "agents:write";
  public static final String TASKS_RUN = "tasks:run";
  public static final String MEMORY_READ = "memory:read";
  public static final String MEMORY_WRITE = "memory:write";
  public static final String TOOLS_CALL = "tools:call";
  public static final String ADMIN = "admin";

  public static final Set<String> USER = Set.of(AGENTS_READ, AGENTS_WRITE, TASKS_RUN, MEMORY_READ, MEMORY_WRITE,
    TOOLS_CALL);
  public static final Set<String> ALL = Set.of(AGENTS_READ, AGENTS_WRITE, TASKS_RUN, MEMORY_READ, MEMORY_WRITE,
    TOOLS_CALL, ADMIN);

  private Scopes() {
  }

  public static Set<String> forRoles(Set<String> roles) {
    return roles.contains("admin") ? ALL : roles.contains("user") ? USER : Set.of();
  }
}
