package io.agentmesh.contract.tools;

import java.util.Map;
/** What a domain's tool address receives: validated arguments; the caller is in the bus headers. */
public record ToolInvocation(String tool, Map<String, Object> arguments) {
}
