package io.agentmesh.contract.rag;

/** The documents of one collection, a page at a time (the platform's list parameters). */
public record DocumentQuery(String collectionId, Integer limit, String order, String after, String before) {
}
