package io.agentmesh.contract.tools;

/** Call a tool by name with arguments (validated against its input schema first). */
public record ToolCall(String name, java.util.Map<String, Object> arguments) {
}
