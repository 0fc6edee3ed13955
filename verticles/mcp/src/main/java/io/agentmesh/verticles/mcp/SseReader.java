package io.agentmesh.verticles.mcp;

import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * Reads a server-sent event stream as it arrives, chunk by chunk (a chunk may end anywhere, even inside a line), and
 * hands each event's data (its {@code data:} lines joined) to a consumer. Events without data are skipped.
 */
final class SseReader {

  private final StringBuilder pending = new StringBuilder();
  private final StringBuilder data = new StringBuilder();
  private final Consumer<String> onData;

  SseReader(Consumer<String> onData) {
    this.onData = onData;
  }

  void feed(Buffer chunk) {
    pending.append(chunk.toString());
    int newline;
    while ((newline = pending.indexOf("\n")) >= 0) {
      String line = pending.substring(0, newline);
      pending.delete(0, newline + 1);
      line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
  }

  /** The stream ended: an event not yet closed by a blank line still counts. */
  void end() {
    if (!pending.isEmpty()) {
      line(pending.toString());
      pending.setLength(0);
    }
    line("");
  }

  private void line(String line) {
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
