package io.agentmesh.contract.rag;

import java.util.List;
import java.util.Map;

/**
 * A search over one or more of the caller's collections. {@code mode}: semantic, keyword, hybrid (the default:
 * both fused by reciprocal rank) or syntax (code as written: identifiers in order, case-sensitive, or {@code /a
 * regular expression/}); {@code filters}: document metadata that must match exactly; {@code symbol}: only chunks
 * holding the definition of that name; {@code minScore}: hits scoring lower are left out.
 */
public record SearchRequest(List<String> collectionIds, String query, String mode, Integer topK,
                            Map<String, String> filters, Double minScore, String symbol) {

  public SearchRequest {
    collectionIds = collectionIds == null ? List.of() : List.copyOf(collectionIds);
    filters = filters == null ? Map.of() : Map.copyOf(filters);
  }
}
