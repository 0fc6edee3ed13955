package io.agentmesh.verticles.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a document's text into chunks measured in the embedding model's tokens: sections first (Markdown at its
 * headings, source code at its definitions, other text whole), then each section that is too long into windows of
 * {@code maxTokens} overlapping by {@code overlapTokens}, ending at a line break (or, in prose, a sentence end) when
 * one lies in the window's second half. Small neighbouring sections of prose share a chunk; a code chunk keeps one
 * definition, whose name it records as its symbol. Offsets are the text's own, for citations.
 */
final class Chunker {

  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}[ \\t]");
  /** A definition at the top level or one indentation in: class-likes, functions, and C-family methods. */
  private static final Pattern DEFINITION = Pattern.compile("(?m)^[ \\t]{0,4}(?:(?:export|default|public|private|"
    + "protected|internal|static|final|abstract|sealed|open|data|async|override|inline|unsafe|extern|virtual|"
    + "pub(?:\\([^)\\n]*\\))?)\\s+)*(?:class|interface|enum|record|struct|trait|impl|object|def|fun|fn|func|"
    + "function\\*?|module|mod)\\s+(?:\\([^)\\n]*\\)\\s*)?([A-Za-z_$][\\w$]*)"
    + "|^[ \\t]{0,4}(?:(?:public|private|protected|static|final|abstract|synchronized|native|default)\\s+)+"
    + "[\\w<>\\[\\],.? ]+?\\s+([A-Za-z_$][\\w$]*)\\s*\\([^;\\n]*$");

  private record Section(int start, int end, String symbol) {
  }

  private final ModelTokens tokens;

  Chunker(ModelTokens tokens) {
    this.tokens = tokens;
  }

  List<Chunk> chunks(String text, DocumentKind kind, int maxTokens, int overlapTokens) {
    List<Chunk> chunks = new ArrayList<>();
    Section pending = null;
    int pendingTokens = 0;
    for (Section section : sections(text, kind)) {
      String body = text.substring(section.start(), section.end());
      if (body.isBlank()) {
        continue;
      }
      int[][] spans = tokens.spans(body);
      boolean fits = spans.length <= maxTokens;
      if (!kind.code() && fits && pending != null && pendingTokens + spans.length <= maxTokens) {
        pending = new Section(pending.start(), section.end(), null); // prose: small sections share a chunk
        pendingTokens += spans.length;
        continue;
      }
      if (pending != null) {
        add(chunks, text, pending.start(), pending.end(), pendingTokens, pending.symbol());
        pending = null;
      }
      if (fits) {
        pending = section;
        pendingTokens = spans.length;
      } else {
        windows(chunks, text, section, spans, maxTokens, overlapTokens, kind.code());
      }
    }
    if (pending != null) {
      add(chunks, text, pending.start(), pending.end(), pendingTokens, pending.symbol());
    }
    return chunks;
  }

  private static void windows(List<Chunk> chunks, String text, Section section, int[][] spans, int max, int overlap,
                              boolean code) {
    int base = section.start();
    int first = 0;
    while (first < spans.length) {
      int end = Math.min(first + max, spans.length);
      if (end < spans.length) {
        end = naturalEnd(text, base, spans, first + max / 2, end, code);
      }
      add(chunks, text, base + spans[first][0], base + spans[end - 1][1], end - first, section.symbol());
      if (end == spans.length) {
        break;
      }
      first = Math.max(first + 1, end - overlap);
    }
  }

  /** The last token boundary in (from, to] followed by a line break (prose: also a sentence end), else {@code to}. */
  private static int naturalEnd(String text, int base, int[][] spans, int from, int to, boolean code) {
    for (int end = to; end > from; end--) {
      String gap = text.substring(base + spans[end - 1][1], base + spans[end][0]);
      if (gap.indexOf('\n') >= 0) {
        return end;
      }
    }
    if (!code) {
      for (int end = to; end > from; end--) {
        char last = text.charAt(base + spans[end - 1][1] - 1);
        if ((last == '.' || last == '!' || last == '?') && spans[end][0] > spans[end - 1][1]) {
          return end;
        }
      }
    }
    return to;
  }

  private static void add(List<Chunk> chunks, String text, int start, int end, int tokens, String symbol) {
    int from = start;
    int to = end;
    while (from < to && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    if (from < to) {
      chunks.add(new Chunk(chunks.size(), text.substring(from, to), from, to, tokens, symbol));
    }
  }

  private static List<Section> sections(String text, DocumentKind kind) {
    Pattern boundary = kind.code() ? DEFINITION : kind.format().equals("markdown") ? HEADING : null;
    List<Section> sections = new ArrayList<>();
    if (boundary == null) {
      sections.add(new Section(0, text.length(), null));
      return sections;
    }
    Matcher matcher = boundary.matcher(text);
    int start = 0;
    String symbol = null;
    while (matcher.find()) {
      if (matcher.start() > start) {
        sections.add(new Section(start, matcher.start(), symbol));
      }
      start = matcher.start();
      symbol = kind.code() ? (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)) : null;
    }
    sections.add(new Section(start, text.length(), symbol));
    return sections;
  }
}
