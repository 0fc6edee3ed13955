package io.agentmesh.verticles.gateway;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code /openapi.json} (the API as served, checked against the router by a test) and Swagger UI at {@code /docs}. */
final class DocsRoutes {

  static final String ASSETS = "/docs/swagger-ui/";
  private static final String SWAGGER_UI_ROOT = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion();

  void openApi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").sendFile("openapi.json");
  }

  void index(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").sendFile("docs/index.html");
  }

  StaticHandler assets() {
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
