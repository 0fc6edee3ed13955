package io.agentmesh.verticles.rag;

import java.util.List;

/** A chunk a search of this node's index found, with its score in that search and its highlighted fragments. */
record Found(String chunkId, String collectionId, String documentId, String documentName, int ordinal, String text,
             int start, int end, String symbol, double score, List<String> highlights) {

  Found withScore(double newScore) {
    return new Found(chunkId, collectionId, documentId, documentName, ordinal, text, start, end, symbol, newScore,
      highlights);
  }

  Found withHighlights(List<String> fragments) {
    return new Found(chunkId, collectionId, documentId, documentName, ordinal, text, start, end, symbol, score,
      fragments);
  }
}
