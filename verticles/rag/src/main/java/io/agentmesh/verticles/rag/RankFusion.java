package io.agentmesh.verticles.rag;

import org.apache.lucene.search.ScoreDoc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted reciprocal-rank fusion of a semantic and a keyword list: a chunk scores the sum, over the lists that hold
 * it, of {@code weight / (k + rank)} (rank from 1). Ranks only, so the lists' incomparable scores (cosine, BM25)
 * never meet. Works on the index's document numbers, before any chunk is read: only the kept ones are.
 */
record RankFusion(double semanticWeight, double keywordWeight, int k) {

  /** The {@code keep} best of both lists by fused score, best first (ties: the semantic list's order first). */
  ScoreDoc[] fuse(ScoreDoc[] semantic, ScoreDoc[] keyword, int keep) {
    Map<Integer, Double> fused = new LinkedHashMap<>();
    add(semantic, semanticWeight, fused);
    add(keyword, keywordWeight, fused);
    List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(fused.entrySet());
    ranked.sort(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder()));
    return ranked.stream().limit(keep).map(hit -> new ScoreDoc(hit.getKey(), hit.getValue().floatValue()))
      .toArray(ScoreDoc[]::new);
  }

  private void add(ScoreDoc[] list, double weight, Map<Integer, Double> fused) {
    for (int rank = 0; rank < list.length; rank++) {
      fused.merge(list[rank].doc, weight / (k + rank + 1), Double::sum);
    }
  }
}
