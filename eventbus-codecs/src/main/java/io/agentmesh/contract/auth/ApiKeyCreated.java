package io.agentmesh.contract.auth;

/** The answer to a key's creation: the only time the whole key is shown. */
public record ApiKeyCreated(ApiKeyView apiKey, String key) {
}
