package io.agentmesh.contract.rag;

import java.util.List;

/**
 * A directory on a node (named by its {@code node.name}), bound to a collection by an administrator: its files are
 * ingested and then followed as they change. {@code include} and {@code exclude} are globs over paths relative to
 * the directory (null: the defaults, which skip {@code .git/}, {@code target/}, {@code node_modules/} and
 * binaries).
 */
public record SourceDraft(String collectionId, String nodeName, String path, List<String> include,
                          List<String> exclude) {

  public SourceDraft {
    include = include == null ? null : List.copyOf(include);
    exclude = exclude == null ? null : List.copyOf(exclude);
  }
}
