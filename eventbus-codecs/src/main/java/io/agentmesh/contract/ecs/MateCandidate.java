package io.agentmesh.contract.ecs;

/** A compatible mate: its score (see {@link Compatibility}), genetic distance and distance on the map. */
public record MateCandidate(String id, double score, double geneticDistance, double mapDistance, String ownerId) {
}
