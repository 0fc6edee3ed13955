package io.agentmesh.contract.auth;

/** One login of a user (a refresh-token family): the device and address it came from. */
public record LoginView(String id, String device, String address, java.time.Instant createdAt, java.time.Instant lastRefreshedAt) {
}
