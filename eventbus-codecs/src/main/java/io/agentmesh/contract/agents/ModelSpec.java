package io.agentmesh.contract.agents;

import java.util.Map;

/** Which model an agent uses: provider, model name, and parameters such as temperature or max_output_tokens. */
public record ModelSpec(String provider, String name, Map<String, Object> parameters) {

  public ModelSpec {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
