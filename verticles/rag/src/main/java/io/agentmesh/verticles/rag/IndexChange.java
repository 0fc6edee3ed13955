package io.agentmesh.verticles.rag;

import java.util.List;

/**
 * One entry of the change log as the index applies it: {@code upsert} (the document's chunks as they are now: none
 * if it is gone since), {@code delete} (a document) or {@code drop} (a whole collection).
 */
record IndexChange(long sequence, String op, String collectionId, String documentId, List<IndexedChunk> chunks) {
}
