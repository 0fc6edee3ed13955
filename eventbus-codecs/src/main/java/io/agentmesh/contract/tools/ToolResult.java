package io.agentmesh.contract.tools;

/** The outcome of a call: an execution failure is a result with isError and a readable text, not a transport error. */
public record ToolResult(String tool, Object structuredContent, String text, boolean isError) {
}
