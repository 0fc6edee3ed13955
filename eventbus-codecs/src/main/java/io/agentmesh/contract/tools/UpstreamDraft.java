package io.agentmesh.contract.tools;

import java.util.Map;

/**
 * An external MCP server to federate (admin): its tools join the registry as {@code <name>__<tool>}.
 *
 * @param name        {@code ^[a-z0-9][a-z0-9-]{0,23}$}, the prefix of its tools
 * @param url         its Streamable HTTP endpoint (http or https)
 * @param bearerToken sent as {@code Authorization: Bearer}; stored, never returned, never logged
 * @param headers     other credential headers (for example {@code X-API-Key}); same treatment
 */
public record UpstreamDraft(String name, String url, String description, String bearerToken,
                            Map<String, String> headers) {

  public UpstreamDraft {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
