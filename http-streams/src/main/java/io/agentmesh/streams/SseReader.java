package io.agentmesh.streams;

import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * Reads a server-sent event stream as it arrives, chunk by chunk (a chunk may end anywhere, even inside a line or a
 * multi-byte character), and hands each event's data (its {@code data:} lines joined with newlines) to a consumer.
 * Events without data (comments, priming events, retry hints) are skipped.
 */
public final class SseReader {

  private final Utf8Lines lines = new Utf8Lines(this::line);
  private final StringBuilder data = new StringBuilder();
  private final Consumer<String> onData;

  public SseReader(Consumer<String> onData) {
    this.onData = onData;
  }

  public void feed(Buffer chunk) {
    lines.feed(chunk);
  }

  /** The stream ended: an event not yet closed by a blank line still counts. */
  public void end() {
    lines.end();
    line("");
  }

  private void line(String raw) {
    String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    if (line.isEmpty()) {
      if (!data.isEmpty()) {
        String event = data.toString();
        data.setLength(0);
        onData.accept(event);
      }
    } else if (line.startsWith("data:")) {
      if (!data.isEmpty()) {
        data.append('\n');
      }
      data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
    }
  }
}
