package io.agentmesh.contract.tools;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tool as the registry knows it. {@code name} matches {@link #NAME} (what OpenAI and Anthropic function calling
 * accept); {@code inputSchema} and {@code outputSchema} are JSON Schema 2020-12; {@code address} is the bus address
 * that executes it; {@code scope} is what the caller's credential needs (null: any signed-in caller).
 */
public record ToolDefinition(String name, String title, String description, Map<String, Object> inputSchema,
                             Map<String, Object> outputSchema, ToolAnnotations annotations, String category,
                             String address, String scope) {

  public static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

  public ToolDefinition {
    inputSchema = inputSchema == null ? Map.of("type", "object") : Map.copyOf(inputSchema);
    outputSchema = outputSchema == null ? null : Map.copyOf(outputSchema);
  }

  /** A domain's tool that answers data without a declared output schema (the common case). */
  public static ToolDefinition of(String category, String name, String title, String description,
                                  Map<String, Object> inputSchema, ToolAnnotations annotations, String address,
                                  String scope) {
    return new ToolDefinition(name, title, description, inputSchema, null, annotations, category, address, scope);
  }
}
