package io.agentmesh.verticles.rag;

import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;

import java.io.ByteArrayInputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PDF and office documents (Word, OpenDocument, RTF, PowerPoint, Excel, EPUB) read with Apache Tika, on threads of
 * its own so that a parse has a deadline: at {@code timeoutMs} the document fails with {@code parse_timeout} and its
 * thread is interrupted; the text is capped at {@code maxChars} (beyond: {@code too_large}); Tika's own guards
 * refuse zip bombs. Blocking: called on the domain's parse thread.
 */
final class OfficeDocuments {

  /** Made at the first office document: loading every Tika parser takes a while, and most nodes never need it. */
  private AutoDetectParser parser;
  private final ExecutorService parsing = Executors.newFixedThreadPool(2, task -> {
    Thread thread = new Thread(task, "rag-tika");
    thread.setDaemon(true); // a parse that ignores interruption must not hold the JVM at exit
    return thread;
  });
  private final long timeoutMs;

  OfficeDocuments(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  String text(String name, String mimeType, byte[] content, int maxChars) throws TextExtractor.Unreadable {
    Future<String> parse = parsing.submit(() -> parse(name, mimeType, content, maxChars));
    try {
      return parse.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      parse.cancel(true);
      throw new TextExtractor.Unreadable("parse_timeout", "Reading the document took longer than " + timeoutMs
        + " ms.");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (WriteLimitReachedException.isWriteLimitReached(cause)) {
        throw new TextExtractor.Unreadable("too_large", "The document yields more than " + maxChars
          + " characters of text.");
      }
      if (cause instanceof EncryptedDocumentException) {
        throw new TextExtractor.Unreadable("encrypted", "The document is encrypted.");
      }
      throw new TextExtractor.Unreadable("unreadable", "The document could not be read as " + mimeType + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TextExtractor.Unreadable("parse_timeout", "Reading the document was interrupted.");
    }
  }

  private String parse(String name, String mimeType, byte[] content, int maxChars) throws Exception {
    BodyContentHandler text = new BodyContentHandler(maxChars);
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
    if (mimeType != null) {
      metadata.set(Metadata.CONTENT_TYPE, mimeType);
    }
    parser().parse(new ByteArrayInputStream(content), text, metadata, new ParseContext());
    return text.toString();
  }

  private synchronized AutoDetectParser parser() {
    if (parser == null) {
      parser = new AutoDetectParser();
    }
    return parser;
  }

  void close() {
    parsing.shutdownNow();
  }
}
