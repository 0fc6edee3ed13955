package io.agentmesh.verticles.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import io.vertx.servicediscovery.ServiceDiscovery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
      GatewayOptions options = GatewayOptions.fromConfig(new JsonObject());
      Redis unused = Redis.createClient(vertx, "redis://127.0.0.1:1");
      StreamTickets tickets = new StreamTickets(unused);
      RouteGuard guard = new RouteGuard(new Authenticator(new TokenVerifier(vertx, options), vertx.eventBus(), options,
        tickets), new Admission(unused, options.rateLimits()), options);
      DocsRoutes docs = DocsRoutes.load(vertx).toCompletionStage().toCompletableFuture().get();
      Router router = new ApiRouter(vertx, options, new BusClient(vertx.eventBus(), 1000, true),
        ServiceDiscovery.create(vertx), guard, docs, tickets).router();
      assertThat(documented()).isEqualTo(served(router));
    } finally {
      vertx.close();
    }
  }

  private static Set<String> served(Router router) {
    Set<String> operations = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || route.methods() == null || path.startsWith(DocsRoutes.ASSETS)) {
        continue; // catch-all handlers and the Swagger UI's static files are not API operations
      }
      route.methods().forEach(method -> operations.add(method.name() + " " + path.replaceAll(":(\\w+)", "{$1}")));
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
