package io.agentmesh.verticles.rag;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a document is, from its media type and its name's extension: it decides how the text is read and where it
 * is cut. Source code keeps its language (from the extension).
 */
record DocumentKind(String format, String language) {

  static final Set<String> SOURCE_EXTENSIONS = Set.of("java", "kt", "kts", "scala", "groovy", "py", "js", "mjs",
    "cjs", "ts", "tsx", "jsx", "go", "rs", "c", "h", "cc", "cpp", "hpp", "cs", "rb", "php", "swift", "sh", "bash",
    "sql", "lua", "r", "m", "dart", "ex", "exs", "erl", "hs", "clj", "yaml", "yml", "toml", "gradle", "proto");
  private static final Map<String, String> LANGUAGES = Map.ofEntries(Map.entry("kt", "kotlin"),
    Map.entry("kts", "kotlin"), Map.entry("py", "python"), Map.entry("js", "javascript"),
    Map.entry("mjs", "javascript"), Map.entry("cjs", "javascript"), Map.entry("jsx", "javascript"),
    Map.entry("ts", "typescript"), Map.entry("tsx", "typescript"), Map.entry("rs", "rust"), Map.entry("h", "c"),
    Map.entry("cc", "cpp"), Map.entry("hpp", "cpp"), Map.entry("cs", "csharp"), Map.entry("rb", "ruby"),
    Map.entry("sh", "shell"), Map.entry("bash", "shell"), Map.entry("yml", "yaml"), Map.entry("ex", "elixir"),
    Map.entry("exs", "elixir"), Map.entry("erl", "erlang"), Map.entry("hs", "haskell"), Map.entry("clj", "clojure"));

  static final DocumentKind TEXT = new DocumentKind("text", null);
  static final DocumentKind MARKDOWN = new DocumentKind("markdown", null);
  static final DocumentKind HTML = new DocumentKind("html", null);
  /** PDF and office formats, read by Apache Tika. */
  static final DocumentKind OFFICE = new DocumentKind("office", null);
  private static final Set<String> OFFICE_EXTENSIONS = Set.of("pdf", "docx", "doc", "odt", "rtf", "pptx", "ppt",
    "odp", "xlsx", "xls", "ods", "epub");
  private static final Set<String> OFFICE_TYPES = Set.of("application/pdf", "application/msword", "application/rtf",
    "application/vnd.ms-powerpoint", "application/vnd.ms-excel", "application/epub+zip");

  boolean code() {
    return format.equals("code");
  }

  /** The kind of a document, or null when this version cannot read it. */
  static DocumentKind of(String name, String mimeType) {
    String extension = extension(name);
    String mime = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT).split(";")[0].trim();
    if (SOURCE_EXTENSIONS.contains(extension)) {
      return new DocumentKind("code", LANGUAGES.getOrDefault(extension, extension));
    }
    if (extension.equals("md") || extension.equals("markdown") || mime.equals("text/markdown")) {
      return MARKDOWN;
    }
    if (OFFICE_EXTENSIONS.contains(extension) || OFFICE_TYPES.contains(mime)
      || mime.startsWith("application/vnd.openxmlformats-officedocument.")
      || mime.startsWith("application/vnd.oasis.opendocument.")) {
      return OFFICE;
    }
    if (extension.equals("html") || extension.equals("htm") || mime.equals("text/html")) {
      return HTML;
    }
    if (mime.isEmpty() || mime.startsWith("text/") || mime.equals("application/json")
      || mime.equals("application/xml") || Set.of("txt", "text", "json", "xml", "csv", "log", "rst", "adoc")
        .contains(extension)) {
      return TEXT;
    }
    return null;
  }

  /**
   * The kind of a file found on disk, by its name alone (no client says what it is): known extensions, and a few
   * well-known names without one; anything else (images, archives, binaries) is not a document.
   */
  static DocumentKind ofFile(String name) {
    String extension = extension(name);
    if (extension.isEmpty()) {
      return Set.of("README", "LICENSE", "Makefile", "Dockerfile", "NOTICE").contains(name) ? TEXT : null;
    }
    return of(name, "application/x-unknown");
  }

  /** The media type a document of this kind is stored with when the client gave none. */
  String defaultMimeType() {
    return switch (format) {
      case "markdown" -> "text/markdown";
      case "html" -> "text/html";
      case "code" -> "text/x-" + language;
      case "office" -> "application/octet-stream";
      default -> "text/plain";
    };
  }

  private static String extension(String name) {
    int dot = name == null ? -1 : name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
