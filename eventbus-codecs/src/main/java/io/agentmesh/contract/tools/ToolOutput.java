package io.agentmesh.contract.tools;

import io.agentmesh.contract.MessageJson;

import java.util.List;
import java.util.Map;

/**
 * A tool's answer: structured data, rendered as text for MCP clients, or MCP content blocks of its own (text, image,
 * audio, embedded resource) when the tool answers more than data.
 *
 * @param result  structured data (the MCP {@code structuredContent} when the tool declares an output schema)
 * @param content MCP content blocks, or null to render {@code result} as one text block
 */
public record ToolOutput(Object result, List<Map<String, Object>> content) {

  public ToolOutput {
    content = content == null ? null : List.copyOf(content);
  }

  public ToolOutput(Object result) {
    this(result, null);
  }

  /** A record answered as data, in its JSON form. */
  public static ToolOutput ofRecord(Record record) {
    return new ToolOutput(MessageJson.toJson(record).getMap());
  }

  /** An answer made of content blocks only. */
  public static ToolOutput of(List<Map<String, Object>> content) {
    return new ToolOutput(null, content);
  }
}
