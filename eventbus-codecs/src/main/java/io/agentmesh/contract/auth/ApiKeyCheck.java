package io.agentmesh.contract.auth;

/** The gateway asks which principal an API key acts for. */
public record ApiKeyCheck(String key) {
}
