package io.agentmesh.contract.memory;

/** Published by memory once a session is deleted through its API, so other domains forget what they kept of it. */
public record SessionDeleted(String sessionId, String userId, String agentId) {
}
