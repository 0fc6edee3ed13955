package io.agentmesh.verticles.rag;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.pattern.PatternTokenizer;

import java.util.regex.Pattern;

/**
 * Code as written, for the {@code syntax} mode: identifiers and numbers whole and case-sensitive, in order, so a
 * phrase like {@code parseHttpRequest(raw} matches only those identifiers in that order.
 */
final class ExactCodeAnalyzer extends Analyzer {

  static final Pattern TOKEN = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*|\\p{N}+");

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    return new TokenStreamComponents(new PatternTokenizer(TOKEN, 0));
  }
}
