package io.agentmesh.contract.auth;

import java.util.List;

/** The caller's API keys. */
public record ApiKeyList(List<ApiKeyView> data) {

  public ApiKeyList {
    data = List.copyOf(data);
  }
}
