package io.agentmesh.verticles.rag;

import io.agentmesh.contract.rag.RagAddresses;
import io.agentmesh.contract.rag.RagSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One source followed on this node: a scan that makes the collection hold what the directory holds, then the file
 * system's events (inotify on Linux), gathered for {@value #SETTLE_MS} ms and applied as one step: files created
 * or changed are stored and ingested (bytes the collection holds already are skipped), files and directories
 * deleted leave it; a rename is both. Events the system dropped (overflow) mean a whole scan again. The events are
 * read on a thread of its own, files on a worker; the rest runs on the domain verticle's event loop.
 */
final class WatchedDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(WatchedDirectory.class);
  private static final long SETTLE_MS = 200;
  private static final long RETRY_MS = 10_000;
  private static final int BATCH = 100;
  private static final int MAX_NAME = 500;

  private final Vertx vertx;
  private final Context context;
  private final WorkerExecutor disk;
  private final SourceStore.Watched watched;
  private final SourceFiles files;
  private final SourceStore sources;
  private final DocumentStore documents;
  private final WatchService service;
  private final Map<WatchKey, Path> directories = new HashMap<>();
  private final Set<Path> changed = new LinkedHashSet<>();
  private boolean rescan = true;
  private boolean syncing;
  private long settleTimer = -1;
  private volatile boolean closed;

  /** {@code service}: a watch service of the directory's file system, opened for this directory alone. */
  WatchedDirectory(Vertx vertx, WorkerExecutor disk, SourceStore.Watched watched, SourceFiles files,
                   WatchService service, SourceStore sources, DocumentStore documents) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.disk = disk;
    this.watched = watched;
    this.files = files;
    this.sources = sources;
    this.documents = documents;
    this.service = service;
  }

  RagSource source() {
    return watched.source();
  }

  /** Starts reading events, then scans the whole directory. */
  void start() {
    Thread reader = new Thread(this::readEvents, "rag-watch-" + watched.source().id());
    reader.setDaemon(true);
    reader.start();
    settle();
  }

  void close() {
    closed = true;
    vertx.cancelTimer(settleTimer);
    try {
      service.close();
    } catch (IOException e) {
      LOG.debug("Closing the watch of {}: {}", files.root(), e.toString());
    }
  }

  /** The event thread: each event's path goes to the event loop; an overflow asks for a whole scan. */
  private void readEvents() {
    try {
      while (!closed) {
        WatchKey key = service.take();
        Path directory;
        synchronized (directories) {
          directory = directories.get(key);
        }
        List<Path> paths = new ArrayList<>();
        boolean overflow = false;
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW || directory == null) {
            overflow = true;
          } else {
            paths.add(directory.resolve((Path) event.context()));
          }
        }
        if (!key.reset()) {
          synchronized (directories) {
            directories.remove(key);
          }
        }
        boolean whole = overflow;
        context.runOnContext(v -> changed(paths, whole));
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // closed: the source was removed or the node stops
    }
  }

  private void changed(List<Path> paths, boolean whole) {
    changed.addAll(paths);
    rescan |= whole;
    if (settleTimer < 0 && !closed) {
      settleTimer = vertx.setTimer(SETTLE_MS, t -> {
        settleTimer = -1;
        settle();
      });
    }
  }

  /** Applies what changed (or scans everything), one step at a time; changes meanwhile make the next step. */
  private void settle() {
    if (syncing || closed) {
      return;
    }
    syncing = true;
    boolean whole = rescan;
    List<Path> paths = List.copyOf(changed);
    rescan = false;
    changed.clear();
    String id = watched.source().id();
    Future<Void> step = whole ? sources.status(id, "scanning", null, null).compose(v -> scan()) : apply(paths);
    step.compose(v -> documents.ofSource(watched.source().collectionId(), id))
      .compose(held -> sources.status(id, "watching", null, (long) held.size()))
      .onFailure(failure -> {
        LOG.warn("Source {} ({}) could not be brought up to date: {}", id, files.root(), failure.toString());
        rescan = true; // next time, everything
        sources.status(id, "failed", String.valueOf(failure.getMessage()), null);
      })
      .onComplete(done -> {
        syncing = false;
        if (done.failed()) {
          vertx.setTimer(RETRY_MS, t -> changed(List.of(), true)); // PostgreSQL away, say: try again
        } else if (!changed.isEmpty() || rescan) {
          changed(List.of(), false);
        }
      });
  }

  /** The whole directory: every directory watched, every document stored, documents of vanished files deleted. */
  private Future<Void> scan() {
    return disk.executeBlocking(() -> {
      SourceFiles.Walk walk = files.walk();
      walk.directories().forEach(this::watch);
      return walk.files();
    }, false).compose(found -> {
      Set<String> present = new LinkedHashSet<>();
      found.forEach(path -> present.add(files.name(path)));
      return documents.ofSource(watched.source().collectionId(), watched.source().id())
        .compose(held -> {
          List<String> gone = held.keySet().stream().filter(name -> !present.contains(name)).toList();
          return delete(gone, List.of()).compose(v -> store(found, held));
        });
    });
  }

  /** Changed paths: documents stored again, directories new to the source walked, the rest deleted. */
  private Future<Void> apply(List<Path> paths) {
    return disk.executeBlocking(() -> {
      List<Path> documentsNow = new ArrayList<>();
      List<String> gone = new ArrayList<>();
      for (Path path : paths) {
        if (files.isDocument(path)) {
          documentsNow.add(path);
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && files.walks(path)) {
          SourceFiles.Walk walk = files.walk(path);
          walk.directories().forEach(this::watch);
          documentsNow.addAll(walk.files());
        } else if (path.startsWith(files.root()) && !path.equals(files.root())) {
          gone.add(files.name(path));
        }
      }
      return new Applied(documentsNow, gone);
    }, false).compose(applied -> delete(applied.gone(), applied.gone())
      .compose(v -> applied.documents().isEmpty() ? Future.succeededFuture()
        : documents.ofSource(watched.source().collectionId(), watched.source().id())
          .compose(held -> store(applied.documents(), held))));
  }

  private record Applied(List<Path> documents, List<String> gone) {
  }

  private Future<Void> delete(List<String> names, List<String> folders) {
    if (names.isEmpty() && folders.isEmpty()) {
      return Future.succeededFuture();
    }
    return documents.deleteOfSource(watched.source().collectionId(), watched.source().id(), names, folders)
      .onSuccess(deleted -> {
        if (deleted > 0) {
          vertx.eventBus().publish(RagAddresses.CHANGED, null);
        }
      }).mapEmpty();
  }

  /** Files read and stored {@value #BATCH} at a time; those whose bytes the collection holds by that name skipped. */
  private Future<Void> store(List<Path> paths, Map<String, String> held) {
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < paths.size(); from += BATCH) {
      List<Path> part = paths.subList(from, Math.min(paths.size(), from + BATCH));
      chain = chain.compose(v -> disk.executeBlocking(() -> read(part, held), false))
        .compose(batch -> batch.isEmpty() ? Future.succeededFuture()
          : documents.accept(watched.source().collectionId(), watched.ownerId(), batch).onSuccess(job -> {
            if (!job.terminal()) {
              vertx.eventBus().publish(RagAddresses.WAKE, job.id());
            }
          }).mapEmpty());
    }
    return chain;
  }

  private List<DocumentStore.Accepted> read(List<Path> paths, Map<String, String> held) {
    List<DocumentStore.Accepted> batch = new ArrayList<>();
    for (Path path : paths) {
      String name = files.name(path);
      if (name.length() > MAX_NAME) {
        continue;
      }
      try {
        byte[] content = Files.readAllBytes(path);
        if (content.length > 0 && !ContentHash.of(content).equals(held.get(name))) {
          batch.add(new DocumentStore.Accepted(name, DocumentKind.ofFile(path.getFileName().toString())
            .defaultMimeType(), content, Map.of("source", watched.source().id())));
        }
      } catch (IOException e) {
        // gone or unreadable since it was seen: its delete event follows, or the next scan sees it
      }
    }
    return batch;
  }

  private void watch(Path directory) {
    try {
      WatchKey key = directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
      synchronized (directories) {
        directories.put(key, directory);
      }
    } catch (IOException | ClosedWatchServiceException e) {
      LOG.debug("Cannot watch {}: {}", directory, e.toString());
    }
  }
}
