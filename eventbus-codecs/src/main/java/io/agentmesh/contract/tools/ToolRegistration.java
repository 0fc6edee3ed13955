package io.agentmesh.contract.tools;

import java.util.List;

/** Every tool of one domain; a registration replaces that domain's previous set. */
public record ToolRegistration(String domain, List<ToolDefinition> tools) {

  public ToolRegistration {
    tools = List.copyOf(tools);
  }
}
