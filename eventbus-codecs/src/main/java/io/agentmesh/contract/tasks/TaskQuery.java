package io.agentmesh.contract.tasks;

/** List parameters: the platform's, plus filters by agent, session and status. */
public record TaskQuery(Integer limit, String order, String after, String before, String agentId, String sessionId,
                        String status) {
}
