package io.agentmesh.contract.rag;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/** One document to ingest: its name (with the extension that tells a source file's language), type and bytes. */
public record DocumentFile(String name, String mimeType, byte[] content, Map<String, String> metadata) {

  public DocumentFile {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** Two files are equal when their bytes are (an array's own equality is its identity). */
  @Override
  public boolean equals(Object other) {
    return other instanceof DocumentFile file && Objects.equals(name, file.name)
      && Objects.equals(mimeType, file.mimeType) && Arrays.equals(content, file.content)
      && metadata.equals(file.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, mimeType, Arrays.hashCode(content), metadata);
  }

  @Override
  public String toString() {
    return "DocumentFile[name=" + name + ", mimeType=" + mimeType + ", bytes="
      + (content == null ? 0 : content.length) + "]";
  }
}
