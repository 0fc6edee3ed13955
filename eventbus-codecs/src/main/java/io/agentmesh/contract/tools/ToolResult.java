package io.agentmesh.contract.tools;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a call: an execution failure is a result with isError and a readable text, not a transport error.
 *
 * @param content the tool's own MCP content blocks, or null when {@code text} is the whole answer
 */
public record ToolResult(String tool, Object structuredContent, String text, boolean isError,
                         List<Map<String, Object>> content) {

  public ToolResult {
    content = content == null ? null : List.copyOf(content);
  }

  public ToolResult(String tool, Object structuredContent, String text, boolean isError) {
    this(tool, structuredContent, text, isError, null);
  }
}
