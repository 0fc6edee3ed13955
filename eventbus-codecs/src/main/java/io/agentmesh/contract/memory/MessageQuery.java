package io.agentmesh.contract.memory;

/** Messages of a session, oldest first by default; q searches their text. */
public record MessageQuery(String sessionId, String q, Integer limit, String order, String after, String before) {
}
