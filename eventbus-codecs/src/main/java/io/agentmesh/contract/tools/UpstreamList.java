package io.agentmesh.contract.tools;

import java.util.List;

/** Every federated MCP server (there are at most {@link ToolsAddresses#MAX_UPSTREAMS}). */
public record UpstreamList(List<UpstreamServer> data) {

  public UpstreamList {
    data = List.copyOf(data);
  }
}
