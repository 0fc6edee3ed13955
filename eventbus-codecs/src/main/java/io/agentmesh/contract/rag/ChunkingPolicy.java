package io.agentmesh.contract.rag;

/** How a collection's documents are cut into chunks, in the embedding model's own tokens. */
public record ChunkingPolicy(Integer maxTokens, Integer overlapTokens) {
}
