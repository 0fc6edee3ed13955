package io.agentmesh.contract.auth;

import java.util.List;

/** The caller's logins. */
public record LoginList(List<LoginView> data) {

  public LoginList {
    data = List.copyOf(data);
  }
}
