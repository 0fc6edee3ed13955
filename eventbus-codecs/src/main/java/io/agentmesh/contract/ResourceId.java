package io.agentmesh.contract;

/** A request naming one object, for example the login to end or the key to revoke. */
public record ResourceId(String id) {
}
