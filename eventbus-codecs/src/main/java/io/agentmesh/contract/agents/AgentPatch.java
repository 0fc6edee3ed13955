package io.agentmesh.contract.agents;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON merge patch (RFC 7386) of an agent in its snake_case form. {@code ifMatchVersion} is the version from the
 * client's If-Match, or null to apply regardless.
 */
public record AgentPatch(String agentId, Map<String, Object> patch, Long ifMatchVersion) {

  public AgentPatch {
    patch = patch == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(patch));
  }
}
