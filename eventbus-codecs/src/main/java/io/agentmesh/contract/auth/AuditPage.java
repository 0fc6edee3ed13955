package io.agentmesh.contract.auth;

import java.util.List;

/** A page of audit events (admin). The gateway adds {@code object: "list"} to make the platform's list envelope. */
public record AuditPage(List<AuditEvent> data, String firstId, String lastId, boolean hasMore) {

  public AuditPage {
    data = List.copyOf(data);
  }
}
