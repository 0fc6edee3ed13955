package io.agentmesh.verticles.memory;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.vertx.core.json.Json;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Token counts with a real tokenizer (jtokkit): o200k_base for model families configured as such, the default
 * encoding (cl100k_base) otherwise. A message costs the tokens of its text plus {@link #MESSAGE_OVERHEAD} for its role
 * and separators, as OpenAI's chat format does; counts are computed once, when a message is written.
 */
final class TokenCounter {

  static final int MESSAGE_OVERHEAD = 4;

  private final EncodingRegistry registry;
  private final String defaultEncoding;
  private final List<String> o200kPrefixes;

  /** Blocking: loads the encodings' vocabularies. Build it on a worker. */
  TokenCounter(String defaultEncoding, String o200kModelPrefixes) {
    this.registry = Encodings.newDefaultEncodingRegistry();
    this.defaultEncoding = defaultEncoding;
    this.o200kPrefixes = Arrays.stream(o200kModelPrefixes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
      .toList();
    registry.getEncoding(EncodingType.CL100K_BASE);
    registry.getEncoding(EncodingType.O200K_BASE);
  }

  /** The encoding a session with this model uses, for example {@code o200k_base} for gpt-4o. */
  String encodingFor(String modelName) {
    String name = modelName == null ? "" : modelName.toLowerCase();
    return o200kPrefixes.stream().anyMatch(name::startsWith) ? "o200k_base" : defaultEncoding;
  }

  int text(String encoding, String text) {
    Encoding codec = registry.getEncoding(encoding).orElseThrow(() -> new IllegalArgumentException(encoding));
    return codec.countTokens(text);
  }

  int message(String encoding, String text) {
    return text(encoding, text) + MESSAGE_OVERHEAD;
  }

  /** The text of a message's content: a string, or its parts' text, tool names and arguments, tool results. */
  static String textOf(Object content) {
    if (content instanceof String text) {
      return text;
    }
    StringBuilder text = new StringBuilder();
    if (content instanceof List<?> parts) {
      for (Object part : parts) {
        if (part instanceof Map<?, ?> map) {
          append(text, map.get("text"));
          append(text, map.get("name"));
          append(text, map.get("arguments"));
          append(text, map.get("content"));
        }
      }
    }
    return text.toString();
  }

  private static void append(StringBuilder text, Object value) {
    if (value == null) {
      return;
    }
    if (!text.isEmpty()) {
      text.append('\n');
    }
    text.append(value instanceof String s ? s : Json.encode(value));
  }
}
