package io.agentmesh.contract.rag;

/** Addresses of the rag domain: collections, their documents, ingest jobs and search. */
public final class RagAddresses {

  public static final String COLLECTION_CREATE = "rag.collections.create";
  public static final String COLLECTION_GET = "rag.collections.get";
  public static final String COLLECTION_LIST = "rag.collections.list";
  public static final String COLLECTION_UPDATE = "rag.collections.update";
  public static final String COLLECTION_DELETE = "rag.collections.delete";
  public static final String COLLECTION_STATS = "rag.collections.stats";
  /** {@link ReindexRequest} → the {@link IngestJob} that rebuilds the collection. */
  public static final String COLLECTION_REINDEX = "rag.collections.reindex";
  /** Documents into a collection ({@link DocumentBatch}): stored, then ingested by a job ({@link IngestJob}). */
  public static final String DOCUMENT_ADD = "rag.documents.add";
  public static final String DOCUMENT_LIST = "rag.documents.list";
  public static final String DOCUMENT_GET = "rag.documents.get";
  public static final String DOCUMENT_DELETE = "rag.documents.delete";
  public static final String JOB_GET = "rag.ingest_jobs.get";
  /** {@link IngestEventQuery} → {@link IngestEventPage}: a job's stored events after a sequence number. */
  public static final String JOB_EVENTS_AFTER = "rag.ingest_jobs.events.after";
  /** Administrators: a directory on a node followed into a collection ({@link SourceDraft} → {@link RagSource}). */
  public static final String SOURCE_CREATE = "rag.sources.create";
  /** A collection's id ({@code ResourceId}) → its {@link SourceList}. */
  public static final String SOURCE_LIST = "rag.sources.list";
  public static final String SOURCE_GET = "rag.sources.get";
  public static final String SOURCE_DELETE = "rag.sources.delete";
  /** Internal: {@link SourceCheck} to one node, at this prefix and its node id. Not for clients. */
  public static final String SOURCE_CHECK_PREFIX = "rag.sources.check.";
  /** Internal, published: sources were added or removed; each node takes up its own. Not for clients. */
  public static final String SOURCES_CHANGED = "rag.sources.changed";
  /** One collection or several ({@link SearchRequest} → {@link SearchResult}). */
  public static final String SEARCH = "rag.search";
  /**
   * Internal, published by the rag domain when its change log grew: every node's index catches up. Carries the
   * newest sequence number as a Long. Not for clients.
   */
  public static final String CHANGED = "rag.index.changed";
  /** Internal: wakes the ingest workers of every rag node (a job was queued). Not for clients. */
  public static final String WAKE = "rag.ingest.wake";
  /** Every ingest job's progress events ({@link IngestEvent}), cluster-wide. */
  public static final String INGEST_EVENTS = "events.rag.ingest";

  private RagAddresses() {
  }
}
