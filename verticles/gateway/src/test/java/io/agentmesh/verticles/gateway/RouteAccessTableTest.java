package io.agentmesh.verticles.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Who may call each route")
class RouteAccessTableTest {

  @Test
  @DisplayName("the router declares exactly the intended table (route-access.tsv), route by route")
  void routerMatchesTheTable() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ApiRouter router = OfflineRouter.build(vertx, new JsonObject());
      router.router();
      assertThat(router.accessTable()).containsExactlyInAnyOrderElementsOf(intended());
    } finally {
      vertx.close();
    }
  }

  @Test
  @DisplayName("metrics.public=true opens /metrics, and nothing else changes")
  void publicMetrics() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ApiRouter router = OfflineRouter.build(vertx, new JsonObject().put("metrics", new JsonObject()
        .put("public", true)));
      router.router();
      List<String> expected = intended().stream()
        .map(row -> row.startsWith("GET /metrics\t") ? "GET /metrics\tpublic" : row).toList();
      assertThat(router.accessTable()).containsExactlyInAnyOrderElementsOf(expected);
    } finally {
      vertx.close();
    }
  }

  /** The committed table's rows, {@code METHOD path<TAB>access}. */
  static List<String> intended() throws Exception {
    try (InputStream in = RouteAccessTableTest.class.getResourceAsStream("/route-access.tsv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }
  }
}
