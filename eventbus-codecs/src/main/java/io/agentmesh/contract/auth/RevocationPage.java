package io.agentmesh.contract.auth;

import java.util.List;

/** A page of {@link Revocation}s; {@code lastId} is where the next query starts (unchanged when empty). */
public record RevocationPage(List<Revocation> entries, long lastId, boolean hasMore) {

  public RevocationPage {
    entries = List.copyOf(entries);
  }
}
