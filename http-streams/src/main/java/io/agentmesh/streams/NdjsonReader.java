package io.agentmesh.streams;

import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * Reads newline-delimited JSON as it arrives, chunk by chunk (a chunk may end inside a line or inside a multi-byte
 * character), and hands each non-blank line to a consumer.
 */
public final class NdjsonReader {

  private final Utf8Lines lines;

  public NdjsonReader(Consumer<String> onLine) {
    this.lines = new Utf8Lines(line -> {
      String trimmed = line.strip();
      if (!trimmed.isEmpty()) {
        onLine.accept(trimmed);
      }
    });
  }

  public void feed(Buffer chunk) {
    lines.feed(chunk);
  }

  public void end() {
    lines.end();
  }
}
