package io.agentmesh.storage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The expiring cache")
class ExpiringCacheTest {

  @Test
  @DisplayName("forgets expired entries and the least recently used one when full")
  void expiryAndEviction() {
    ExpiringCache<String, Integer> cache = new ExpiringCache<>(2, 60_000);
    cache.put("a", 1);
    cache.put("b", 2);
    assertThat(cache.get("a")).isEqualTo(1);
    cache.put("c", 3);
    assertThat(cache.get("b")).as("least recently used").isNull();
    assertThat(cache.get("a")).isEqualTo(1);
    cache.put("old", 4, System.currentTimeMillis() - 1);
    assertThat(cache.get("old")).isNull();
    cache.remove("a");
    assertThat(cache.get("a")).isNull();
  }
}
