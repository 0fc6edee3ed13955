package io.agentmesh.contract.tools;

/** MCP tool annotations: hints for clients, never trusted for security. */
public record ToolAnnotations(Boolean readOnlyHint, Boolean destructiveHint, Boolean idempotentHint,
                              Boolean openWorldHint) {

  public static final ToolAnnotations READ_ONLY = new ToolAnnotations(true, false, true, false);
  public static final ToolAnnotations WRITES = new ToolAnnotations(false, false, false, false);
}
