package io.agentmesh.contract.rag;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON merge patch (RFC 7386) of a collection in its snake_case form: name, description, metadata. */
public record CollectionPatch(String collectionId, Map<String, Object> patch) {

  public CollectionPatch {
    patch = patch == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(patch));
  }
}
