package io.agentmesh.verticles.rag;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

/**
 * The default model's own word-piece tokenizer (the tokenizer file shipped with it), so chunks are measured in the
 * tokens the model reads: where each token starts and ends in the text. Thread-safe.
 */
final class ModelTokens {

  private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

  private final HuggingFaceTokenizer tokenizer;

  ModelTokens() {
    try (InputStream json = ModelTokens.class.getResourceAsStream(TOKENIZER)) {
      if (json == null) {
        throw new IllegalStateException("the model's tokenizer " + TOKENIZER + " is not on the class path");
      }
      // no truncation: a whole section is measured, and cut into windows here
      tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of("truncation", "false", "padding", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each token's [start, end) in {@code text}, in order, without the model's special tokens. */
  int[][] spans(String text) {
    Encoding encoding = tokenizer.encode(text, false, false);
    CharSpan[] spans = encoding.getCharTokenSpans();
    int[][] out = new int[spans.length][];
    int count = 0;
    for (CharSpan span : spans) {
      if (span != null && span.getEnd() > span.getStart()) {
        out[count++] = new int[] {Math.min(span.getStart(), text.length()), Math.min(span.getEnd(), text.length())};
      }
    }
    return count == out.length ? out : Arrays.copyOf(out, count);
  }
}
