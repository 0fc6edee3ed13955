package io.agentmesh.contract.auth;

import java.time.Instant;
import java.util.List;

/** A user as clients see it: never the password hash. */
public record UserView(String id, String username, String email, List<String> roles, boolean disabled,
                       Instant createdAt, Instant updatedAt) {

  public UserView {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
