package io.agentmesh.contract.ecs;

/** A remembered experience: met, mated, fed or fought, with whom (null: no one), when. */
public record Experience(String kind, String otherId, long tick) {
}
