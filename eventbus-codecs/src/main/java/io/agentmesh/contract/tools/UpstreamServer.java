package io.agentmesh.contract.tools;

import java.time.Instant;
import java.util.List;

/**
 * A federated MCP server as the API shows it: never its credentials.
 *
 * @param status     {@code available} or {@code unavailable} (its tools stay listed; calls fail fast until it is back)
 * @param tools      the registry names of its tools ({@code <name>__<tool>})
 * @param lastError  why it was last unreachable, or null
 */
public record UpstreamServer(String name, String url, String description, boolean hasCredentials, String status,
                             String lastError, List<String> tools, Instant createdAt, Instant refreshedAt) {

  public UpstreamServer {
    tools = tools == null ? List.of() : List.copyOf(tools);
  }
}
