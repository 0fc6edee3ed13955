package io.agentmesh.contract.rag;

import java.util.List;
import java.util.Map;

/**
 * A search over one or more of the caller's collections. {@code mode}: semantic, keyword, hybrid (the default:
 * both fused by reciprocal rank) or syntax (code: identifiers and phrases as written); {@code filters}: document
 * metadata that must match exactly; {@code minScore}: hits scoring lower are left out.
 */
public record SearchRequest(List<String> collectionIds, String query, String mode, Integer topK,
                            Map<String, String> filters, Double minScore) {

  public SearchRequest {
    collectionIds = collectionIds == null ? List.of() : List.copyOf(collectionIds);
    filters = filters == null ? Map.of() : Map.copyOf(filters);
  }
}
