package io.agentmesh.storage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Row ids")
class RowIdsTest {

  @Test
  @DisplayName("carry their prefix and sort by creation time")
  void sortByTime() {
    String earlier = "usr_" + RowIds.ulid(1_700_000_000_000L);
    String later = "usr_" + RowIds.ulid(1_700_000_000_001L);
    assertThat(earlier).hasSize(30).startsWith("usr_").isLessThan(later);
    assertThat(RowIds.next("agt")).matches("agt_[0-9A-HJKMNP-TV-Z]{26}");
  }

  @Test
  @DisplayName("secret tokens have 256 random bits and a fixed-length hash")
  void secrets() {
    String token = SecretTokens.generate("rt_");
    assertThat(token).startsWith("rt_").hasSize(3 + 43).isNotEqualTo(SecretTokens.generate("rt_"));
    assertThat(SecretTokens.sha256(token)).hasSize(32);
  }
}
