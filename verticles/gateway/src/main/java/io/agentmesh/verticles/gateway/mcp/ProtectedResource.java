package io.agentmesh.verticles.gateway.mcp;

import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.verticles.gateway.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.TreeSet;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728) for {@code /mcp}: the platform is its own authorization server.
 * Supported: bearer access tokens (ES256 JWTs from {@code /api/v1/auth/login} and refresh) and API keys, in the
 * Authorization header. Not supported: the OAuth authorization-code flow, dynamic client registration and
 * authorization-server metadata; MCP clients are given a token or an API key out of band.
 */
public final class ProtectedResource {

  public static final String PATH = "/.well-known/oauth-protected-resource";

  private ProtectedResource() {
  }

  public static void describe(RoutingContext ctx) {
    String base = baseUrl(ctx);
    Responses.json(ctx, 200, new JsonObject()
      .put("resource", base + "/mcp")
      .put("authorization_servers", new JsonArray().add(base))
      .put("bearer_methods_supported", new JsonArray().add("header"))
      .put("scopes_supported", new JsonArray(new ArrayList<>(new TreeSet<>(Scopes.ALL))))
      .put("resource_name", "agentmesh MCP server")
      .put("resource_documentation", base + "/docs"));
  }

  /** The URL the client used to reach this node (Host header, scheme from TLS). */
  public static String baseUrl(RoutingContext ctx) {
    String host = ctx.request().authority() == null ? "localhost" : ctx.request().authority().toString();
    return (ctx.request().isSSL() ? "https://" : "http://") + host;
  }
}
