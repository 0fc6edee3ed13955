package io.agentmesh.verticles.rag;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files of a source are documents: paths relative to its directory matched by the include globs and by none
 * of the exclude globs, of a kind the domain reads (binaries are not), within the size limit. Symbolic links are
 * never followed: a link cannot lead out of the watched directory.
 */
final class SourceFiles {

  static final List<String> DEFAULT_INCLUDE = List.of("**");
  static final List<String> DEFAULT_EXCLUDE = List.of(".git/**", "**/.git/**", "target/**", "**/target/**",
    "node_modules/**", "**/node_modules/**");

  private final Path root;
  private final List<PathMatcher> include;
  private final List<PathMatcher> exclude;
  private final long maxBytes;

  SourceFiles(Path root, List<String> include, List<String> exclude, long maxBytes) {
    this.root = root;
    this.include = matchers(include);
    this.exclude = matchers(exclude);
    this.maxBytes = maxBytes;
  }

  /** A glob the file system cannot compile, or null when every one is well formed. */
  static String badGlob(List<String> globs) {
    for (String glob : globs) {
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + glob);
      } catch (IllegalArgumentException e) {
        return glob;
      }
    }
    return null;
  }

  Path root() {
    return root;
  }

  /** The source's name for a file: its path under the directory, with {@code /}. */
  String name(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /** Whether a directory's files may be documents (an excluded directory is not walked or watched). */
  boolean walks(Path directory) {
    if (directory.equals(root)) {
      return true;
    }
    Path relative = root.relativize(directory);
    Path probe = relative.resolve("x");
    return exclude.stream().noneMatch(glob -> glob.matches(relative) || glob.matches(probe));
  }

  /** Whether this path, as it is now, is a document of the source. Blocking. */
  boolean isDocument(Path file) {
    if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Path relative = root.relativize(file);
    if (include.stream().noneMatch(glob -> glob.matches(relative))
      || exclude.stream().anyMatch(glob -> glob.matches(relative))) {
      return false;
    }
    try {
      return Files.size(file) <= maxBytes && DocumentKind.ofFile(file.getFileName().toString()) != null;
    } catch (IOException e) {
      return false;
    }
  }

  /** Every document of the source and every directory walked (to watch). Blocking. */
  Walk walk() throws IOException {
    return walk(root);
  }

  /** As {@link #walk()}, under {@code start} only (a directory that appeared). Blocking. */
  Walk walk(Path start) throws IOException {
    List<Path> files = new ArrayList<>();
    List<Path> directories = new ArrayList<>();
    Files.walkFileTree(start, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
        if (!walks(dir)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        directories.add(dir);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (isDocument(file)) {
          files.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE; // unreadable: not a document
      }
    });
    return new Walk(files, directories);
  }

  /** What a walk found. */
  record Walk(List<Path> files, List<Path> directories) {
  }

  private static List<PathMatcher> matchers(List<String> globs) {
    return globs.stream().map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
  }
}
