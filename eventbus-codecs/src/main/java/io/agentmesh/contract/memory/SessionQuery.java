package io.agentmesh.contract.memory;

/** Sessions of an agent, in pages. */
public record SessionQuery(String agentId, Integer limit, String order, String after, String before) {
}
