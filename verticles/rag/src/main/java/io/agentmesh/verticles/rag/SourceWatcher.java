package io.agentmesh.verticles.rag;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.rag.RagAddresses;
import io.agentmesh.contract.rag.RagSource;
import io.agentmesh.contract.rag.SourceCheck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * This node's side of continuous indexing: it answers whether a path may be watched here (under {@code
 * rag.watch_roots}), and it watches the sources that name this node ({@code node.name}), taken up when they are
 * added ({@code rag.sources.changed}) and looked over with every heartbeat, so that a source added while this node
 * was down, or a node that comes back, catches up by itself.
 */
final class SourceWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(SourceWatcher.class);

  private final Vertx vertx;
  private final SourceStore sources;
  private final DocumentStore documents;
  private final WatchRoots roots;
  private final long maxBytes;
  private final String nodeName;
  private final WorkerExecutor disk;
  private final Map<String, WatchedDirectory> watching = new HashMap<>();
  /** Sources being taken up (their directory is being resolved): not taken twice. */
  private final Set<String> taking = new HashSet<>();
  private long heartbeat = -1;

  SourceWatcher(Vertx vertx, SourceStore sources, DocumentStore documents, WatchRoots roots, long maxBytes,
                String nodeName) {
    this.vertx = vertx;
    this.sources = sources;
    this.documents = documents;
    this.roots = roots;
    this.maxBytes = maxBytes;
    this.nodeName = nodeName;
    this.disk = vertx.createSharedWorkerExecutor("rag-sources", 1);
  }

  Future<Void> start() {
    Future<Void> checks = RequestConsumers.<SourceCheck>serve(vertx.eventBus(), RagAddresses.SOURCE_CHECK_PREFIX
      + nodeName, this::check).completion();
    vertx.eventBus().consumer(RagAddresses.SOURCES_CHANGED, changed -> reload());
    heartbeat = vertx.setPeriodic(SourceStore.HEARTBEAT_MS, t -> sources.heartbeat(nodeName)
      .onComplete(done -> reload()));
    return checks.onSuccess(v -> reload());
  }

  private Future<SourceCheck> check(Message<SourceCheck> message) {
    return disk.executeBlocking(() -> roots.resolve(message.body().path()), false)
      .recover(unreadable -> Future.succeededFuture(WatchRoots.Resolved.refused("cannot be read on this node")))
      .compose(resolved -> resolved.path() == null
        ? Future.failedFuture(DomainException.validation(List.of(new FieldError("path", resolved.refusal()))))
        : Future.succeededFuture(new SourceCheck(resolved.path().toString())));
  }

  /** Watches the sources naming this node that are not watched yet; stops those that are gone. */
  private void reload() {
    if (roots.none()) {
      return;
    }
    sources.ofNode(nodeName).onSuccess(current -> {
      Set<String> ids = current.stream().map(watched -> watched.source().id()).collect(Collectors.toSet());
      watching.keySet().stream().filter(id -> !ids.contains(id)).toList()
        .forEach(id -> watching.remove(id).close());
      current.stream().filter(watched -> !watching.containsKey(watched.source().id())
        && !taking.contains(watched.source().id())).forEach(this::take);
    }).onFailure(failure -> LOG.warn("Could not read this node's sources: {}", failure.toString()));
  }

  private void take(SourceStore.Watched watched) {
    RagSource source = watched.source();
    taking.add(source.id());
    // Resolving the path and opening the file system's watch both touch the disk: a worker's job.
    disk.executeBlocking(() -> opened(roots.resolve(source.path())), false).onComplete(done -> {
      taking.remove(source.id());
      if (done.failed()) {
        sources.status(source.id(), "failed", "cannot watch: " + done.cause().getMessage(), null);
      } else if (done.result().service() == null) {
        sources.status(source.id(), "failed", done.result().resolved().refusal(), null);
      } else {
        watch(watched, done.result());
      }
    });
  }

  /** A source's path as resolved under the roots and, if it is allowed, a watch service opened for it. */
  private record Opened(WatchRoots.Resolved resolved, WatchService service) {
  }

  private static Opened opened(WatchRoots.Resolved resolved) throws IOException {
    return new Opened(resolved, resolved.path() == null ? null
      : resolved.path().getFileSystem().newWatchService());
  }

  private void watch(SourceStore.Watched watched, Opened opened) {
    RagSource source = watched.source();
    WatchedDirectory directory = new WatchedDirectory(vertx, disk, watched, new SourceFiles(opened.resolved().path(),
      source.include(), source.exclude(), maxBytes), opened.service(), sources, documents);
    watching.put(source.id(), directory);
    directory.start();
  }

  Future<Void> stop() {
    vertx.cancelTimer(heartbeat);
    watching.values().forEach(WatchedDirectory::close);
    watching.clear();
    return disk.close();
  }
}
