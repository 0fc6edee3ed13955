package io.agentmesh.verticles.gateway.routes;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * {@code /openapi.json} (the API as served, checked against the router by a test) and Swagger UI at {@code /docs}.
 * The request schemas of the contract are inserted into the document's components once, at start, so the schemas
 * that validate requests are the ones published.
 */
public final class DocsRoutes {

  public static final String ASSETS = "/docs/swagger-ui/";
  static final List<String> CONTRACT_SCHEMAS = List.of("agents.create", "agents.patch", "memory.session.create",
    "memory.message.append", "tools.invoke", "tasks.create", "mcp.servers.create", "rag.collections.create",
    "rag.collections.patch", "rag.collections.reindex", "rag.documents.add", "rag.search",
    "rag.sources.create", "ecs.entities.spawn", "ecs.entities.offspring", "ecs.entities.link", "ecs.entities.act",
    "ecs.world.speed", "ecs.world.step", "ecs.world.reset");
  private static final String SWAGGER_UI_ROOT = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion();

  private final Buffer document;

  private DocsRoutes(Buffer document) {
    this.document = document;
  }

  public static Future<DocsRoutes> load(Vertx vertx) {
    return vertx.fileSystem().readFile("openapi.json").compose(base -> {
      JsonObject openApi = base.toJsonObject();
      JsonObject schemas = openApi.getJsonObject("components").getJsonObject("schemas");
      List<Future<Buffer>> reads = CONTRACT_SCHEMAS.stream()
        .map(name -> vertx.fileSystem().readFile("schemas/" + name + ".json")).toList();
      return Future.all(reads).map(all -> {
        for (int i = 0; i < CONTRACT_SCHEMAS.size(); i++) {
          JsonObject schema = all.<Buffer>resultAt(i).toJsonObject();
          schema.remove("$schema");
          schemas.put(CONTRACT_SCHEMAS.get(i), schema);
        }
        return new DocsRoutes(openApi.toBuffer());
      });
    });
  }

  /** The OpenAPI document as served: the hand-written one with the contract's request schemas merged in. */
  public Buffer document() {
    return document;
  }

  public void openApi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(document);
  }

  public void index(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").sendFile("docs/index.html");
  }

  public StaticHandler assets() {
    return StaticHandler.create(SWAGGER_UI_ROOT).setCachingEnabled(true).setDirectoryListing(false);
  }

  private static String swaggerUiVersion() {
    try (InputStream in = DocsRoutes.class.getResourceAsStream("/gateway-build.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("swagger-ui.version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
