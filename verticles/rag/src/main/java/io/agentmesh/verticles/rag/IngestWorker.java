package io.agentmesh.verticles.rag;

import io.agentmesh.contract.rag.RagAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * This node's ingest worker: takes one job at a time (woken by {@link RagAddresses#WAKE}, polling as a fallback),
 * and for each of its documents still pending: parse and chunk (a worker thread), reuse the vectors already known
 * for identical chunk texts, embed the rest (the bulk lane), then record it all in one fenced transaction and tell
 * every node's index; the next documents are prepared while one is recorded. A document that cannot be read becomes
 * that document's error; a failure of the platform (PostgreSQL away) leaves the job to be resumed when its lease
 * lapses. Touched only by the verticle's event loop.
 */
final class IngestWorker {

  private static final Logger LOG = LoggerFactory.getLogger(IngestWorker.class);
  /** Documents prepared ahead of the one being recorded: enough to keep every embedding thread busy. */
  private static final int LOOKAHEAD = 2;

  private final Vertx vertx;
  private final IngestJobs jobs;
  private final EmbeddingModels embeddings;
  private final Chunker chunker;
  private final TextExtractor extractor;
  private final RagOptions options;
  private final String owner;
  private final WorkerExecutor parsers;
  private boolean busy;
  private boolean stopping;

  IngestWorker(Vertx vertx, IngestJobs jobs, EmbeddingModels embeddings, Chunker chunker, RagOptions options,
               String owner) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.embeddings = embeddings;
    this.chunker = chunker;
    this.extractor = new TextExtractor(options.maxDocumentChars(), options.parseTimeoutMs());
    this.options = options;
    this.owner = owner;
    this.parsers = vertx.createSharedWorkerExecutor("rag-parse", 1);
  }

  void start() {
    vertx.eventBus().consumer(RagAddresses.WAKE, wake -> next());
    vertx.setPeriodic(options.pollMs(), t -> next());
    next();
  }

  private void next() {
    if (busy || stopping) {
      return;
    }
    busy = true;
    jobs.claim(owner, options.leaseMs()).compose(claimed -> claimed.isEmpty() ? Future.succeededFuture(false)
        : run(new IngestJobs.Lease(claimed.get().job().id(), owner)).map(true))
      .onComplete(done -> {
        busy = false;
        if (done.failed()) {
          LOG.warn("An ingest job stopped and will be resumed: {}", done.cause().toString());
        } else if (done.result()) {
          next(); // there may be more
        }
      });
  }

  private Future<Void> run(IngestJobs.Lease lease) {
    long heartbeat = vertx.setPeriodic(Math.max(100, options.leaseMs() / 3), t -> jobs.renew(lease,
      options.leaseMs()));
    return jobs.pendingIds(lease.jobId())
      .compose(ids -> each(lease, ids, 0, new ArrayList<>()))
      .compose(v -> jobs.completed(lease))
      .onSuccess(step -> vertx.eventBus().publish(RagAddresses.INGEST_EVENTS, step.event()))
      .onComplete(done -> vertx.cancelTimer(heartbeat))
      .mapEmpty();
  }

  /**
   * The documents in order, each recorded once prepared; meanwhile the next {@value #LOOKAHEAD} are parsed and
   * embedded, so the model is not idle while a document is recorded or the next one parsed. {@code prepared} holds
   * a future per document whose preparation has started (cleared once recorded).
   */
  private Future<Void> each(IngestJobs.Lease lease, List<String> ids, int next,
                            List<Future<Optional<Prepared>>> prepared) {
    if (next >= ids.size() || stopping) {
      return stopping ? Future.failedFuture("the node is stopping") : Future.succeededFuture();
    }
    prepareAhead(ids, next, prepared);
    return prepared.get(next).compose(document -> {
      prepared.set(next, null);
      prepareAhead(ids, next + 1, prepared);
      return (document.isEmpty() ? Future.<Void>succeededFuture() : record(lease, document.get()))
        .compose(v -> each(lease, ids, next + 1, prepared));
    });
  }

  private void prepareAhead(List<String> ids, int from, List<Future<Optional<Prepared>>> prepared) {
    while (prepared.size() < Math.min(ids.size(), from + LOOKAHEAD)) {
      prepared.add(prepare(ids.get(prepared.size())));
    }
  }

  /** A document parsed, chunked and embedded, or the reason it cannot be read; empty if no longer pending. */
  private record Prepared(IngestJobs.PendingDocument document, List<Chunk> chunks, List<float[]> vectors,
                          TextExtractor.Unreadable unreadable) {
  }

  private Future<Optional<Prepared>> prepare(String documentId) {
    return jobs.pending(documentId).compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.empty())
      : prepare(found.get()).map(Optional::of));
  }

  private Future<Prepared> prepare(IngestJobs.PendingDocument document) {
    DocumentKind kind = DocumentKind.of(document.name(), document.mimeType());
    return parsers.executeBlocking(() -> chunker.chunks(extractor.text(kind, document.name(), document.mimeType(),
        document.content()), kind, document.chunkTokens(), document.overlapTokens()), false)
      .compose(chunks -> vectors(document.model(), chunks).map(vectors -> new Prepared(document, chunks, vectors,
        null)))
      .recover(failure -> failure instanceof TextExtractor.Unreadable unreadable
        ? Future.succeededFuture(new Prepared(document, null, null, unreadable)) : Future.failedFuture(failure));
  }

  private Future<Void> record(IngestJobs.Lease lease, Prepared prepared) {
    IngestJobs.PendingDocument document = prepared.document();
    TextExtractor.Unreadable unreadable = prepared.unreadable();
    return (unreadable != null
      ? jobs.failed(lease, document.id(), document.name(), unreadable.code, unreadable.getMessage())
      : jobs.indexed(lease, document, prepared.chunks(), prepared.vectors()))
      .onSuccess(step -> {
        vertx.eventBus().publish(RagAddresses.INGEST_EVENTS, step.event());
        if (step.changeSequence() > 0) {
          vertx.eventBus().publish(RagAddresses.CHANGED, step.changeSequence());
        }
      })
      .mapEmpty();
  }

  /** The chunks' vectors: those known for the same text and model reused, the others computed. */
  private Future<List<float[]>> vectors(String model, List<Chunk> chunks) {
    List<String> hashes = chunks.stream().map(chunk -> ContentHash.of(chunk.text())).toList();
    return jobs.knownVectors(model, hashes).compose(known -> {
      List<String> missing = chunks.stream().filter(chunk -> !known.containsKey(ContentHash.of(chunk.text())))
        .map(Chunk::text).distinct().toList();
      return embeddings.bulk(model, missing).map(computed -> {
        for (int i = 0; i < missing.size(); i++) {
          known.put(ContentHash.of(missing.get(i)), computed.get(i));
        }
        return hashes.stream().map(known::get).toList();
      });
    });
  }

  /** Stops taking jobs; the one under way stops after its current document (its lease lapses, another resumes). */
  Future<Void> stop() {
    stopping = true;
    extractor.close();
    return parsers.close();
  }
}
