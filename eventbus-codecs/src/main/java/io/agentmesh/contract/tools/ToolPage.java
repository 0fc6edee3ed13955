package io.agentmesh.contract.tools;

import java.util.List;

/** A page of tools, in name order; the gateway adds {@code object: "list"}. */
public record ToolPage(List<ToolDefinition> data, String firstId, String lastId, boolean hasMore) {

  public ToolPage {
    data = List.copyOf(data);
  }
}
