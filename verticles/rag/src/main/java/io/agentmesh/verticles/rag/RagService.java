package io.agentmesh.verticles.rag;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.MessageSchemas;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.rag.ChunkingPolicy;
import io.agentmesh.contract.rag.CollectionDraft;
import io.agentmesh.contract.rag.CollectionPage;
import io.agentmesh.contract.rag.CollectionPatch;
import io.agentmesh.contract.rag.CollectionStats;
import io.agentmesh.contract.rag.DocumentBatch;
import io.agentmesh.contract.rag.DocumentFile;
import io.agentmesh.contract.rag.DocumentPage;
import io.agentmesh.contract.rag.DocumentQuery;
import io.agentmesh.contract.rag.IngestEventPage;
import io.agentmesh.contract.rag.IngestEventQuery;
import io.agentmesh.contract.rag.IngestJob;
import io.agentmesh.contract.rag.RagAddresses;
import io.agentmesh.contract.rag.RagCollection;
import io.agentmesh.contract.rag.RagDocument;
import io.agentmesh.contract.rag.RagSource;
import io.agentmesh.contract.rag.ReindexRequest;
import io.agentmesh.contract.rag.SearchRequest;
import io.agentmesh.contract.rag.SearchResult;
import io.agentmesh.contract.rag.SourceCheck;
import io.agentmesh.contract.rag.SourceDraft;
import io.agentmesh.contract.rag.SourceList;
import io.agentmesh.storage.UniqueViolation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rag domain's requests. A collection, its documents and its jobs are visible to the user who owns the
 * collection (and admins); to anyone else they do not exist. Every request checks the caller's scope again,
 * whatever face it came through.
 */
final class RagService {

  private static final int MAX_EVENT_PAGE = 500;
  private static final long SOURCE_CHECK_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final CollectionStore collections;
  private final DocumentStore documents;
  private final IngestJobs jobs;
  private final SearchService search;
  private final SearchIndex index;
  private final EmbeddingModels models;
  private final SourceStore sources;
  private final RagOptions options;

  RagService(Vertx vertx, CollectionStore collections, DocumentStore documents, IngestJobs jobs, SearchService search,
             SearchIndex index, EmbeddingModels models, SourceStore sources, RagOptions options) {
    this.models = models;
    this.sources = sources;
    this.vertx = vertx;
    this.collections = collections;
    this.documents = documents;
    this.jobs = jobs;
    this.search = search;
    this.index = index;
    this.options = options;
  }

  Future<RagCollection> create(Message<CollectionDraft> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.RAG_WRITE);
    CollectionDraft draft = message.body();
    MessageSchemas.require("rag.collections.create", draft);
    String model = draft.embeddingModel() == null ? options.defaultModel() : draft.embeddingModel();
    ChunkingPolicy chunking = draft.chunking() == null ? new ChunkingPolicy(null, null) : draft.chunking();
    int max = chunking.maxTokens() == null ? options.chunkTokens() : chunking.maxTokens();
    int overlap = chunking.overlapTokens() == null ? Math.min(options.overlapTokens(), max / 4)
      : chunking.overlapTokens();
    List<FieldError> problems = new ArrayList<>();
    if (!models.offers(model)) {
      problems.add(new FieldError("embedding_model", "unknown model; this node offers " + models.offered()));
    } else if (max > models.maxChunkTokens(model, options.chunkTokens())) {
      problems.add(new FieldError("chunking.max_tokens", model + " reads at most "
        + models.maxChunkTokens(model, options.chunkTokens()) + " tokens: a longer chunk would be cut"));
    }
    if (overlap >= max) {
      problems.add(new FieldError("chunking.overlap_tokens", "must be less than max_tokens (" + max + ")"));
    }
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
    return collections.insert(caller.userId(), draft.name(), draft.description(), model, max, overlap,
      draft.metadata());
  }

  Future<RagCollection> get(Message<ResourceId> message) {
    return visible(RequestConsumers.caller(message, Scopes.RAG_READ), message.body().id());
  }

  Future<CollectionPage> list(Message<ListQuery> message) {
    return list(RequestConsumers.caller(message, Scopes.RAG_READ), message.body());
  }

  /** Also the {@code rag_collections_list} tool's path. */
  Future<CollectionPage> list(Principal caller, ListQuery query) {
    if (!query.problems().isEmpty()) {
      throw DomainException.validation(query.problems());
    }
    return collections.page(caller.isAdmin() ? null : caller.userId(), query);
  }

  /** Name, description and metadata change; the embedding model and chunking are the collection's for good. */
  Future<RagCollection> update(Message<CollectionPatch> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.RAG_WRITE);
    CollectionPatch patch = message.body();
    if (patch.patch().containsKey("embedding_model") || patch.patch().containsKey("chunking")) {
      throw DomainException.validation(List.of(new FieldError(patch.patch().containsKey("embedding_model")
        ? "embedding_model" : "chunking", "is fixed when the collection is created")));
    }
    List<FieldError> shape = MessageSchemas.check("rag.collections.patch", new JsonObject(new HashMap<>(
      patch.patch())));
    if (!shape.isEmpty()) {
      throw DomainException.validation(shape);
    }
    return visible(caller, patch.collectionId()).compose(current -> {
      String name = patch.patch().containsKey("name") ? (String) patch.patch().get("name") : current.name();
      String description = patch.patch().containsKey("description") ? (String) patch.patch().get("description")
        : current.description();
      Map<String, String> metadata = new LinkedHashMap<>(current.metadata());
      if (patch.patch().get("metadata") instanceof Map<?, ?> changes) {
        changes.forEach((key, value) -> {
          if (value == null) {
            metadata.remove(String.valueOf(key));
          } else {
            metadata.put(String.valueOf(key), String.valueOf(value));
          }
        });
      } else if (patch.patch().containsKey("metadata")) {
        metadata.clear();
      }
      return collections.update(current.id(), name, description, metadata)
        .map(updated -> updated.orElseThrow(() -> DomainException.notFound("Collection " + current.id())));
    });
  }

  Future<Void> delete(Message<ResourceId> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.RAG_WRITE);
    return visible(caller, message.body().id()).compose(found -> collections.delete(found.id()))
      .onSuccess(deleted -> {
        changed();
        vertx.eventBus().publish(RagAddresses.SOURCES_CHANGED, null); // its sources went with it: stop watching
      }).mapEmpty();
  }

  /** A deleted user's collections go with everything in them. */
  Future<Void> deleteOwnedBy(String userId) {
    return collections.ownedBy(userId).compose(ids -> Future.all(ids.stream().map(collections::delete).toList()))
      .onSuccess(done -> {
        changed();
        vertx.eventBus().publish(RagAddresses.SOURCES_CHANGED, null);
      }).mapEmpty();
  }

  Future<CollectionStats> stats(Message<ResourceId> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.RAG_READ);
    return visible(caller, message.body().id()).compose(found -> vertx.executeBlocking(() ->
      new CollectionStats(found.id(), found.documentCount(), found.chunkCount(), index.count(found.id()),
        index.sizeBytes(), found.updatedAt(), search.cacheHitRate()), false));
  }

  /**
   * Rebuilds a collection from PostgreSQL as an ingest job: its documents pending again, chunked and indexed anew;
   * with another embedding model, every chunk is embedded again with it (the model is the collection's from now on).
   */
  Future<IngestJob> reindex(Message<ReindexRequest> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.RAG_WRITE);
    ReindexRequest request = message.body();
    if (request.embeddingModel() != null && !models.offers(request.embeddingModel())) {
      throw DomainException.validation(List.of(new FieldError("embedding_model", "unknown model; this node offers "
        + models.offered())));
    }
    return visible(caller, request.collectionId())
      .compose(found -> documents.requeue(found.id(), found.ownerId(), request.embeddingModel()))
      .onSuccess(job -> {
        if (!job.terminal()) {
          vertx.eventBus().publish(RagAddresses.WAKE, job.id());
        }
      });
  }

  /**
   * Administrators bind a directory on a named node to a collection: that node says whether the path lies under
   * its watch roots (and what it resolves to), then the source is recorded and its node takes it up.
   */
  Future<RagSource> createSource(Message<SourceDraft> message) {
    Principal caller = administrator(message);
    SourceDraft draft = message.body();
    List<String> include = draft.include() == null ? SourceFiles.DEFAULT_INCLUDE : draft.include();
    List<String> exclude = draft.exclude() == null ? SourceFiles.DEFAULT_EXCLUDE : draft.exclude();
    List<FieldError> problems = new ArrayList<>();
    if (SourceFiles.badGlob(include) != null) {
      problems.add(new FieldError("include", "not a glob: " + SourceFiles.badGlob(include)));
    }
    if (SourceFiles.badGlob(exclude) != null) {
      problems.add(new FieldError("exclude", "not a glob: " + SourceFiles.badGlob(exclude)));
    }
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
    return visible(caller, draft.collectionId())
      .compose(collection -> checkedPath(draft).compose(path -> sources.insert(collection.id(), draft.nodeName(), path,
        include, exclude)))
      .recover(failure -> Future.failedFuture(UniqueViolation.is(failure) ? new DomainException(ErrorCode.CONFLICT,
        "That directory on that node is already a source of this collection.") : failure))
      .onSuccess(created -> vertx.eventBus().publish(RagAddresses.SOURCES_CHANGED, created.id()));
  }

  /** The source's path as its node resolves it, if that node runs and lets it be watched. */
  private Future<String> checkedPath(SourceDraft draft) {
    return vertx.eventBus().<SourceCheck>request(RagAddresses.SOURCE_CHECK_PREFIX + draft.nodeName(),
        new SourceCheck(draft.path()), new DeliveryOptions().setSendTimeout(SOURCE_CHECK_TIMEOUT_MS))
      .map(reply -> reply.body().path())
      .recover(failure -> Future.failedFuture(failure instanceof DomainException refused ? refused
        : DomainException.validation(List.of(new FieldError("node_name", "no rag node named " + draft.nodeName()
          + " answers")))));
  }

  Future<SourceList> sources(Message<ResourceId> message) {
    Principal caller = administrator(message);
    return visible(caller, message.body().id()).compose(found -> sources.ofCollection(found.id()))
      .map(SourceList::new);
  }

  Future<RagSource> source(Message<ResourceId> message) {
    administrator(message);
    String id = message.body().id();
    return sources.find(id).map(found -> found.orElseThrow(() -> DomainException.notFound("Source " + id)));
  }

  /** A source removed: its node stops watching, and the files it brought leave the collection. */
  Future<Void> deleteSource(Message<ResourceId> message) {
    administrator(message);
    String id = message.body().id();
    return sources.find(id).compose(found -> found.isEmpty()
        ? Future.failedFuture(DomainException.notFound("Source " + id))
        : sources.delete(id).compose(v -> documents.ofSource(found.get().collectionId(), id))
          .compose(held -> documents.deleteOfSource(found.get().collectionId(), id, List.copyOf(held.keySet()),
            List.of())))
      .onSuccess(deleted -> {
        vertx.eventBus().publish(RagAddresses.SOURCES_CHANGED, id);
        changed();
      }).mapEmpty();
  }

  /** Sources are the administrators': they name directories on the nodes' machines. */
  private static Principal administrator(Message<?> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.ADMIN);
    if (!caller.isAdmin()) {
      throw new DomainException(ErrorCode.FORBIDDEN, "This needs an administrator.");
    }
    return caller;
  }

  /** Stores the documents (the bytes are safe before the reply) and answers the job that ingests them. */
  Future<IngestJob> add(Message<DocumentBatch> message) {
    return add(RequestConsumers.caller(message, Scopes.RAG_WRITE), message.body());
  }

  /** Also the {@code rag_ingest_text} tool's path. */
  Future<IngestJob> add(Principal caller, DocumentBatch batch) {
    List<DocumentStore.Accepted> accepted = accepted(batch.files());
    return visible(caller, batch.collectionId())
      .compose(found -> documents.accept(found.id(), found.ownerId(), accepted))
      .onSuccess(job -> {
        if (!job.terminal()) {
          vertx.eventBus().publish(RagAddresses.WAKE, job.id());
        }
      });
  }

  /** Every file readable by this version and within the limits, or a 422 naming each one that is not. */
  private List<DocumentStore.Accepted> accepted(List<DocumentFile> files) {
    List<FieldError> problems = new ArrayList<>();
    List<DocumentStore.Accepted> accepted = new ArrayList<>();
    if (files.isEmpty() || files.size() > 100) {
      problems.add(new FieldError("files", "1 to 100 documents at once"));
    }
    for (int i = 0; i < files.size(); i++) {
      DocumentFile file = files.get(i);
      String field = files.size() == 1 ? "" : "files[" + i + "].";
      DocumentKind kind = DocumentKind.of(file.name(), file.mimeType());
      if (file.name() == null || file.name().isBlank() || file.name().length() > 500) {
        problems.add(new FieldError(field + "name", "1 to 500 characters"));
      } else if (file.content() == null || file.content().length == 0) {
        problems.add(new FieldError(field + "text", "is empty"));
      } else if (file.content().length > options.maxDocumentBytes()) {
        problems.add(new FieldError(field + "text", "larger than " + options.maxDocumentBytes() + " bytes"));
      } else if (kind == null) {
        problems.add(new FieldError(field + "mime_type", "this version reads text, Markdown, HTML, source code, PDF "
          + "and office documents; " + file.mimeType() + " is not one of them"));
      } else {
        accepted.add(new DocumentStore.Accepted(file.name(), file.mimeType() == null ? kind.defaultMimeType()
          : file.mimeType(), file.content(), file.metadata()));
      }
    }
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
    return accepted;
  }

  Future<DocumentPage> documents(Message<DocumentQuery> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.RAG_READ);
    DocumentQuery query = message.body();
    ListQuery page = new ListQuery(query.limit(), query.order(), query.after(), query.before());
    if (!page.problems().isEmpty()) {
      throw DomainException.validation(page.problems());
    }
    return visible(caller, query.collectionId()).compose(found -> documents.page(found.id(), page));
  }

  Future<RagDocument> document(Message<ResourceId> message) {
    return visibleDocument(RequestConsumers.caller(message, Scopes.RAG_READ), message.body().id());
  }

  Future<Void> deleteDocument(Message<ResourceId> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.RAG_WRITE);
    return visibleDocument(caller, message.body().id())
      .compose(found -> documents.delete(found.id(), found.collectionId()))
      .onSuccess(deleted -> changed()).mapEmpty();
  }

  Future<IngestJob> job(Message<ResourceId> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.RAG_READ);
    String id = message.body().id();
    return jobs.find(id).compose(found -> found.isPresent() && mayRead(caller, found.get().ownerId())
      ? Future.succeededFuture(found.get().job()) : Future.failedFuture(DomainException.notFound("Ingest job " + id)));
  }

  /** A job's stored events, for streams that resume; the job's rules (another user's job is 404). */
  Future<IngestEventPage> jobEvents(Message<IngestEventQuery> message) {
    Principal caller = RequestConsumers.caller(message, Scopes.RAG_READ);
    IngestEventQuery query = message.body();
    int limit = Math.max(1, Math.min(query.limit(), MAX_EVENT_PAGE));
    return jobs.find(query.jobId()).compose(found -> found.isPresent() && mayRead(caller, found.get().ownerId())
      ? jobs.eventsAfter(query.jobId(), found.get().ownerId(), Math.max(0, query.afterSequence()), limit)
      : Future.failedFuture(DomainException.notFound("Ingest job " + query.jobId())));
  }

  Future<SearchResult> search(Message<SearchRequest> message) {
    return search(RequestConsumers.caller(message, Scopes.RAG_READ), message.body());
  }

  /** Also the {@code rag_search} tool's path: the same rules as the REST route. */
  Future<SearchResult> search(Principal caller, SearchRequest request) {
    List<FieldError> problems = SearchService.problems(request, options.maxTopK());
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
    List<Future<SearchCache.Version>> readable = request.collectionIds().stream().distinct()
      .map(id -> collections.version(id).compose(found -> found.isPresent() && mayRead(caller, found.get().ownerId())
        ? Future.succeededFuture(found.get()) : Future.failedFuture(DomainException.notFound("Collection " + id))))
      .toList();
    return Future.all(readable).compose(all -> search.search(all.list(), request));
  }

  private Future<RagCollection> visible(Principal caller, String id) {
    return collections.find(id).compose(found -> found.isPresent() && mayRead(caller, found.get().ownerId())
      ? Future.succeededFuture(found.get()) : Future.failedFuture(DomainException.notFound("Collection " + id)));
  }

  private Future<RagDocument> visibleDocument(Principal caller, String id) {
    return documents.find(id).compose(found -> found.isEmpty()
      ? Future.failedFuture(DomainException.notFound("Document " + id))
      : visible(caller, found.get().collectionId()).map(found.get())
        .recover(hidden -> Future.failedFuture(DomainException.notFound("Document " + id))));
  }

  /** A collection, and what is in it, is its owner's and the admins'; to anyone else it does not exist. */
  private static boolean mayRead(Principal caller, String ownerId) {
    return ownerId.equals(caller.userId()) || caller.isAdmin();
  }

  private void changed() {
    vertx.eventBus().publish(RagAddresses.CHANGED, null);
  }
}
