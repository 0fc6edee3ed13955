package io.agentmesh.contract.tools;

/** Tools by category, in pages keyed by name. */
public record ToolQuery(String category, Integer limit, String order, String after, String before) {
}
