package io.agentmesh.contract.auth;

import java.time.Instant;
import java.util.List;

/** An API key as listed: its visible prefix identifies it; the key itself is shown once, at creation. */
public record ApiKeyView(String id, String prefix, String name, List<String> scopes, Instant createdAt,
                         Instant lastUsedAt, Instant expiresAt) {

  public ApiKeyView {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }
}
