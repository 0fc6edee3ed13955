package io.agentmesh.verticles.rag;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Words for BM25 that also serve code: {@code parseHttpRequest}, {@code parse_http_request} and
 * {@code request.body} are indexed whole and in their parts (parse, http, request, body), lower-cased, so a search
 * for either form finds both. The indexing flavour flattens the token graph (an index cannot store one).
 */
final class CodeAwareAnalyzer extends Analyzer {

  private static final int SPLITS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
    | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
    | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

  private final boolean indexing;

  CodeAwareAnalyzer(boolean indexing) {
    this.indexing = indexing;
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer words = new StandardTokenizer();
    TokenStream stream = new WordDelimiterGraphFilter(words, SPLITS, null);
    stream = new LowerCaseFilter(stream);
    if (indexing) {
      stream = new FlattenGraphFilter(stream);
    }
    return new TokenStreamComponents(words, stream);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }
}
