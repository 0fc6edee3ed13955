package io.agentmesh.verticles.rag;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The search index's format")
class SearchIndexFormatTest {

  @Test
  @DisplayName("an index written before formats (text without offsets) is thrown away, to be rebuilt from the log")
  void olderFormatRebuilds(@TempDir Path dir) throws Exception {
    try (FSDirectory directory = FSDirectory.open(dir);
         IndexWriter old = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
      Document doc = new Document();
      doc.add(new TextField("text", "written by an older node", Field.Store.YES));
      old.addDocument(doc);
      old.setLiveCommitData(Map.of("applied_sequence", "42").entrySet());
      old.commit();
    }
    try (SearchIndex index = SearchIndex.open(dir)) {
      assertThat(index.applied()).as("replays the change log from its start").isZero();
      assertThat(index.segments()).isZero();
    }
    try (SearchIndex reopened = SearchIndex.open(dir)) {
      assertThat(reopened.applied()).as("a fresh index of this format is kept").isZero();
    }
  }
}
