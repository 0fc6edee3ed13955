package io.agentmesh.verticles.tasks.providers;

import java.util.Map;

/** A tool call the model asked for. */
public record ToolCallRequest(String id, String name, Map<String, Object> arguments) {
}
