package io.agentmesh.contract.auth;

/** The live revocations recorded after {@code afterId} (0: all of them), oldest first, at most {@code limit}. */
public record RevocationQuery(long afterId, int limit) {
}
