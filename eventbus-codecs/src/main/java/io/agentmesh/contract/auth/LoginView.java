package io.agentmesh.contract.auth;

import java.time.Instant;
/** One login of a user (a refresh-token family): the device and address it came from. */
public record LoginView(String id, String device, String address, Instant createdAt, Instant lastRefreshedAt) {
}
