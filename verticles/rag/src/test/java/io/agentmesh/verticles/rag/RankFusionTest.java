package io.agentmesh.verticles.rag;

import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Reciprocal-rank fusion")
class RankFusionTest {

  private static ScoreDoc[] docs(int... ids) {
    return Arrays.stream(ids).mapToObj(id -> new ScoreDoc(id, 100f - id)).toArray(ScoreDoc[]::new);
  }

  @Test
  @DisplayName("a chunk in both lists beats one at the top of only one; the lists' own scores play no part")
  void bothListsWin() {
    ScoreDoc[] fused = new RankFusion(1.0, 1.0, 60).fuse(docs(1, 2, 3), docs(3, 4), 10);
    assertThat(Arrays.stream(fused).mapToInt(hit -> hit.doc)).containsExactly(3, 1, 2, 4);
    assertThat(fused[0].score).isEqualTo((float) (1.0 / 63 + 1.0 / 61));
  }

  @Test
  @DisplayName("weights tilt the order, ties keep the semantic list's order, and only the best k are kept")
  void weightsAndLimit() {
    assertThat(Arrays.stream(new RankFusion(1.0, 2.0, 60).fuse(docs(1), docs(2), 10)).mapToInt(hit -> hit.doc))
      .containsExactly(2, 1);
    assertThat(Arrays.stream(new RankFusion(1.0, 1.0, 60).fuse(docs(1), docs(2), 10)).mapToInt(hit -> hit.doc))
      .containsExactly(1, 2);
    assertThat(new RankFusion(1.0, 1.0, 60).fuse(docs(1, 2, 3), docs(4, 5, 6), 2)).hasSize(2);
    assertThat(new RankFusion(1.0, 1.0, 60).fuse(docs(), docs(), 5)).isEmpty();
  }
}
