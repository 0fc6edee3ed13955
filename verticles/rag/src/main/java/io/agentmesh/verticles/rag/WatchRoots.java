package io.agentmesh.verticles.rag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The directories under which this node lets administrators bind sources ({@code rag.watch_roots}; none: the
 * feature is off). A path is judged as the file system resolves it: symbolic links and {@code ..} are followed
 * first, so neither can lead out of a root.
 */
final class WatchRoots {

  private final List<Path> roots;

  WatchRoots(List<String> configured) {
    this.roots = configured.stream().filter(root -> !root.isBlank()).map(root -> Path.of(root.strip())).toList();
  }

  boolean none() {
    return roots.isEmpty();
  }

  /** The directory {@code requested} resolves to, if it lies under a root; else why not. Blocking. */
  Resolved resolve(String requested) {
    if (roots.isEmpty()) {
      return Resolved.refused("this node watches no directories (rag.watch_roots is empty)");
    }
    Path real;
    try {
      real = Path.of(requested).toRealPath();
    } catch (IOException | RuntimeException e) {
      return Resolved.refused("no such directory on this node");
    }
    if (!Files.isDirectory(real)) {
      return Resolved.refused("not a directory");
    }
    List<Path> realRoots = new ArrayList<>();
    for (Path root : roots) {
      try {
        realRoots.add(root.toRealPath());
      } catch (IOException e) {
        // a root that does not exist (yet) admits nothing
      }
    }
    Optional<Path> under = realRoots.stream().filter(real::startsWith).findFirst();
    return under.isPresent() ? new Resolved(real, null)
      : Resolved.refused("outside this node's watch roots (after following links and ..)");
  }

  /** A resolved directory, or the reason there is none. */
  record Resolved(Path path, String refusal) {
    static Resolved refused(String why) {
      return new Resolved(null, why);
    }
  }
}
