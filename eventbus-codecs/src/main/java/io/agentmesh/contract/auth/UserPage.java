package io.agentmesh.contract.auth;

import java.util.List;

/** A page of users (admin). The gateway adds {@code object: "list"} to make the platform's list envelope. */
public record UserPage(List<UserView> data, String firstId, String lastId, boolean hasMore) {

  public UserPage {
    data = List.copyOf(data);
  }
}
