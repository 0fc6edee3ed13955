package io.agentmesh.contract.tools;

import java.util.Map;
/** Call a tool by name with arguments (validated against its input schema first). */
public record ToolCall(String name, Map<String, Object> arguments) {
}
