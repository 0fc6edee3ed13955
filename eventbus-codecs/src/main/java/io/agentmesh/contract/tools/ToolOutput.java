package io.agentmesh.contract.tools;

/** A tool's answer: structured data (also rendered as text for MCP clients). */
public record ToolOutput(Object result) {
}
