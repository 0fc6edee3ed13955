package io.agentmesh.contract.tools;

/** What a domain's tool address receives: validated arguments; the caller is in the bus headers. */
public record ToolInvocation(String tool, java.util.Map<String, Object> arguments) {
}
