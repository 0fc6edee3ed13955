package io.agentmesh.contract.rag;

import java.util.List;

/**
 * One chunk found, with what a citation needs: its collection, document, position (character offsets in the
 * document's text) and score; {@code highlights} for keyword and hybrid searches; {@code symbol}: the definition a
 * code chunk holds, if any.
 */
public record SearchHit(String collectionId, String documentId, String documentName, String chunkId, int ordinal,
                        String text, int startOffset, int endOffset, double score, List<String> highlights,
                        String symbol) {

  public SearchHit {
    highlights = highlights == null ? List.of() : List.copyOf(highlights);
  }
}
