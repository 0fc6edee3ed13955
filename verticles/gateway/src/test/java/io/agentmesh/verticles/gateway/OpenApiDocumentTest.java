package io.agentmesh.verticles.gateway;

import io.agentmesh.verticles.gateway.routes.DocsRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIVersion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The OpenAPI document")
class OpenApiDocumentTest {

  @Test
  @DisplayName("lists exactly the routes the router serves, method by method")
  void matchesTheRouter() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = OfflineRouter.build(vertx, new JsonObject()).router();
      assertThat(documented()).isEqualTo(served(router));
    } finally {
      vertx.close();
    }
  }

  @Test
  @DisplayName("is a valid OpenAPI 3.1 document whose every $ref resolves (the document as served)")
  void validates() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject served = DocsRoutes.load(vertx).toCompletionStage().toCompletableFuture().get().document()
        .toJsonObject();
      // The meta-schema check and the $ref resolution of Vert.x's OpenAPI module (its router builder would also
      // refuse the media types it cannot route, such as problem+json and event streams, which the document rightly
      // declares).
      OpenAPIVersion version = OpenAPIVersion.fromContract(served);
      assertThat(version).isEqualTo(OpenAPIVersion.V3_1);
      SchemaRepository repository = version.getRepository(vertx, "https://agentmesh.io/openapi.json")
        .toCompletionStage().toCompletableFuture().get();
      OutputUnit result = version.validateContract(vertx, repository, served).toCompletionStage()
        .toCompletableFuture().get();
      assertThat(result.getValid()).as(String.valueOf(result.getErrors())).isTrue();
      assertThat(version.resolve(vertx, repository, served).toCompletionStage().toCompletableFuture().get()
        .getJsonObject("paths")).isNotNull();
      List<String> refs = new ArrayList<>();
      collectRefs(served, refs);
      JsonObject schemas = served.getJsonObject("components").getJsonObject("schemas");
      assertThat(refs).allSatisfy(ref -> assertThat(schemas.containsKey(ref.substring(ref.lastIndexOf('/') + 1)))
        .as(ref).isTrue());
    } finally {
      vertx.close();
    }
  }

  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof JsonObject object) {
      object.forEach(entry -> {
        if (entry.getKey().equals("$ref") && entry.getValue() instanceof String ref
          && ref.startsWith("#/components/schemas/")) {
          refs.add(ref);
        } else {
          collectRefs(entry.getValue(), refs);
        }
      });
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> collectRefs(item, refs));
    }
  }

  private static Set<String> served(Router router) {
    Set<String> operations = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || route.methods() == null || path.startsWith(DocsRoutes.ASSETS)) {
        continue; // catch-all handlers and the Swagger UI's static files are not API operations (nor are the HEAD
        // and OPTIONS every path answers, which OpenAPI leaves implicit)
      }
      route.methods().stream().filter(method -> method != HttpMethod.HEAD && method != HttpMethod.OPTIONS)
        .forEach(method -> operations.add(method.name() + " " + path.replaceAll(":(\\w+)", "{$1}")));
    }
    return operations;
  }

  private static Set<String> documented() throws Exception {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")) {
      JsonObject paths = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonObject("paths");
      Set<String> operations = new TreeSet<>();
      paths.forEach(path -> ((JsonObject) path.getValue()).fieldNames()
        .forEach(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
      return operations;
    }
  }
}
