package io.agentmesh.contract.auth;

import java.time.Instant;
import java.util.List;

/** Create an API key: a name, the scopes it may use (narrowed by its owner's roles), an optional expiry. */
public record ApiKeyCreate(String name, List<String> scopes, Instant expiresAt) {

  public ApiKeyCreate {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }
}
