package io.agentmesh.verticles.rag;

/** A piece of a document's text: [start, end) in that text, its size in model tokens, the definition it holds. */
record Chunk(int ordinal, String text, int start, int end, int tokens, String symbol) {
}
