package io.agentmesh.verticles.rag;

import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A document's bytes to the text that is chunked and searched. Text must be UTF-8; HTML loses its markup (Lucene's
 * HTML stripper, which also decodes entities); PDF and office documents go to {@link OfficeDocuments}. The output
 * is bounded: a document yielding more than the limit is refused, not truncated silently. Blocking: worker threads
 * only.
 */
final class TextExtractor {

  /** Why a document could not be read, in words for its owner. */
  static final class Unreadable extends Exception {
    final String code;

    Unreadable(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  private final int maxChars;
  private final OfficeDocuments office;

  TextExtractor(int maxChars, long parseTimeoutMs) {
    this.maxChars = maxChars;
    this.office = new OfficeDocuments(parseTimeoutMs);
  }

  String text(DocumentKind kind, String name, String mimeType, byte[] content) throws Unreadable {
    if (kind == DocumentKind.OFFICE) {
      return bounded(office.text(name, mimeType, content, maxChars).strip());
    }
    String decoded = utf8(content);
    return bounded(kind.format().equals("html") ? stripHtml(decoded) : decoded);
  }

  private String bounded(String text) throws Unreadable {
    if (text.length() > maxChars) {
      throw new Unreadable("too_large", "The document yields " + text.length() + " characters of text, more than "
        + maxChars + ".");
    }
    if (text.isBlank()) {
      throw new Unreadable("empty", "The document holds no text.");
    }
    return text;
  }

  private static String utf8(byte[] content) throws Unreadable {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
      if (text.indexOf('\0') >= 0) {
        throw new Unreadable("unreadable", "The document is binary, not text.");
      }
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new Unreadable("unreadable", "The document is not UTF-8 text.");
    }
  }

  private String stripHtml(String html) throws Unreadable {
    StringBuilder out = new StringBuilder();
    char[] buffer = new char[8192];
    try (Reader reader = new HTMLStripCharFilter(new StringReader(html))) {
      for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
        out.append(buffer, 0, read);
        if (out.length() > maxChars * 2L) {
          break; // the length check above refuses it
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll("\\n\\s*\\n+", "\n\n").strip();
  }

  void close() {
    office.close();
  }
}
