package io.agentmesh.contract.ecs;

/**
 * Entities within a box of the map (default: all of it), with one trait's value each (default size); beyond
 * {@code limit} (default 5,000) every n-th entity only, so a frame stays small whatever the world's size.
 */
public record MapQuery(Double minX, Double minY, Double maxX, Double maxY, String trait, Integer limit) {
}
