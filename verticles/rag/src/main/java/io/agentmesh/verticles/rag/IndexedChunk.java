package io.agentmesh.verticles.rag;

import java.util.Map;

/** A chunk as the search index holds it: what a hit returns, what filters match, and its vector. */
record IndexedChunk(String chunkId, String collectionId, String documentId, String documentName, int ordinal,
                    String text, int start, int end, String symbol, Map<String, String> metadata, float[] vector) {
}
