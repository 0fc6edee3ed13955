package io.agentmesh.streams;

import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/** Splits bytes arriving in arbitrary chunks into UTF-8 lines (without their newline), blank lines included. */
final class Utf8Lines {

  private Buffer pending = Buffer.buffer();
  private final Consumer<String> onLine;

  Utf8Lines(Consumer<String> onLine) {
    this.onLine = onLine;
  }

  void feed(Buffer chunk) {
    pending.appendBuffer(chunk);
    int start = 0;
    for (int i = 0; i < pending.length(); i++) {
      if (pending.getByte(i) == '\n') {
        onLine.accept(pending.getString(start, i, "UTF-8"));
        start = i + 1;
      }
    }
    pending = pending.getBuffer(start, pending.length());
  }

  void end() {
    if (pending.length() > 0) {
      onLine.accept(pending.toString("UTF-8"));
      pending = Buffer.buffer();
    }
  }
}
