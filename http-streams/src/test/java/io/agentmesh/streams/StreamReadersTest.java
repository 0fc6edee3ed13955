package io.agentmesh.streams;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Stream readers split at every byte boundary")
class StreamReadersTest {

  private static final String SSE = ": comment\n\nid: 1\nretry: 500\ndata: \n\n"
    + "event: message\r\ndata: {\"t\":\"héllo ✓\"}\r\n\r\n"
    + "data: line one\ndata: line two\n\ndata: [DONE]\n\n";
  private static final String NDJSON = "{\"a\":\"é\"}\n\n{\"b\":\"✓\"}\n{\"c\":3}";

  @Test
  @DisplayName("server-sent events: the same events whatever the chunking, multi-byte characters intact")
  void sse() {
    for (int split = 1; split < SSE.getBytes(StandardCharsets.UTF_8).length; split++) {
      List<String> events = new ArrayList<>();
      SseReader reader = new SseReader(events::add);
      feedSplit(SSE, split, reader::feed);
      reader.end();
      assertThat(events).as("split at " + split)
        .containsExactly("{\"t\":\"héllo ✓\"}", "line one\nline two", "[DONE]");
    }
  }

  @Test
  @DisplayName("newline-delimited JSON: the same lines whatever the chunking; the last line needs no newline")
  void ndjson() {
    for (int split = 1; split < NDJSON.getBytes(StandardCharsets.UTF_8).length; split++) {
      List<String> lines = new ArrayList<>();
      NdjsonReader reader = new NdjsonReader(lines::add);
      feedSplit(NDJSON, split, reader::feed);
      reader.end();
      assertThat(lines).as("split at " + split).containsExactly("{\"a\":\"é\"}", "{\"b\":\"✓\"}", "{\"c\":3}");
    }
  }

  private static void feedSplit(String text, int size, Consumer<Buffer> feed) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += size) {
      byte[] chunk = new byte[Math.min(size, bytes.length - i)];
      System.arraycopy(bytes, i, chunk, 0, chunk.length);
      feed.accept(Buffer.buffer(chunk));
    }
  }
}
