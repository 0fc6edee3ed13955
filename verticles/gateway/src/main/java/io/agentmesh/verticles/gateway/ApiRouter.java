package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.streams.StreamTopics;
import io.agentmesh.verticles.gateway.http.AccessLog;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.http.Failures;
import io.agentmesh.verticles.gateway.http.RequestIds;
import io.agentmesh.verticles.gateway.http.Responses;
import io.agentmesh.verticles.gateway.http.Uploads;
import io.agentmesh.verticles.gateway.mcp.McpEndpoint;
import io.agentmesh.verticles.gateway.mcp.McpOrigins;
import io.agentmesh.verticles.gateway.mcp.ProtectedResource;
import io.agentmesh.verticles.gateway.routes.AgentRoutes;
import io.agentmesh.verticles.gateway.routes.AuthRoutes;
import io.agentmesh.verticles.gateway.routes.ClusterRoutes;
import io.agentmesh.verticles.gateway.routes.DocsRoutes;
import io.agentmesh.verticles.gateway.routes.EcsRoutes;
import io.agentmesh.verticles.gateway.routes.HealthRoutes;
import io.agentmesh.verticles.gateway.routes.McpServerRoutes;
import io.agentmesh.verticles.gateway.routes.MemoryRoutes;
import io.agentmesh.verticles.gateway.routes.MetricsRoute;
import io.agentmesh.verticles.gateway.routes.PingRoutes;
import io.agentmesh.verticles.gateway.routes.RagRoutes;
import io.agentmesh.verticles.gateway.routes.TaskRoutes;
import io.agentmesh.verticles.gateway.routes.ToolRoutes;
import io.agentmesh.verticles.gateway.security.Access;
import io.agentmesh.verticles.gateway.security.Caller;
import io.agentmesh.verticles.gateway.security.CredentialWatch;
import io.agentmesh.verticles.gateway.security.RateLimits;
import io.agentmesh.verticles.gateway.security.RequestTarget;
import io.agentmesh.verticles.gateway.security.RouteGuard;
import io.agentmesh.verticles.gateway.security.SecurityHeaders;
import io.agentmesh.verticles.gateway.security.StreamTickets;
import io.agentmesh.verticles.gateway.streams.EcsTopic;
import io.agentmesh.verticles.gateway.streams.IngestTopic;
import io.agentmesh.verticles.gateway.streams.ServerSentEvents;
import io.agentmesh.verticles.gateway.streams.StreamSocket;
import io.agentmesh.verticles.gateway.streams.TaskTopic;
import io.agentmesh.verticles.gateway.streams.TopicStreams;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.servicediscovery.ServiceDiscovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every route the gateway serves, in one block that reads like the API table in the README, each with who may call
 * it and its rate-limit class. Nothing else is open: an unknown path is a 404 problem, a known path with another
 * method a 405 problem.
 */
final class ApiRouter {

  private final Vertx vertx;
  private final GatewayOptions options;
  private final RouteGuard guard;
  private final PingRoutes ping;
  private final ClusterRoutes cluster;
  private final HealthRoutes health;
  private final DocsRoutes docs;
  private final AuthRoutes auth;
  private final AgentRoutes agents;
  private final MemoryRoutes memory;
  private final ToolRoutes tools;
  private final McpEndpoint mcp;
  private final McpServerRoutes mcpServers;
  private final TaskRoutes tasks;
  private final RagRoutes rag;
  private final EcsRoutes ecs;
  private final TopicStreams streams;
  private final ServerSentEvents serverSentEvents;
  private final StreamSocket streamSocket;
  private final StreamTickets tickets;
  private final List<String> table = new ArrayList<>();
  /** Per path, the methods it answers (with HEAD for GET, and OPTIONS): what OPTIONS and Allow report. */
  private final Map<String, Set<String>> allowed = new LinkedHashMap<>();
  /** Routes that answer with an open stream: HEAD is not offered, a stream has no end for it to report. */
  private static final Set<String> STREAMS = Set.of("/api/v1/tasks/:id/events", "/api/v1/ingest-jobs/:id/events",
    "/api/v1/stream", "/mcp");

  ApiRouter(Vertx vertx, GatewayOptions options, BusClient bus, ServiceDiscovery discovery, RouteGuard guard,
            DocsRoutes docs, StreamTickets tickets) {
    this.vertx = vertx;
    this.options = options;
    this.guard = guard;
    this.ping = new PingRoutes(bus, discovery);
    this.cluster = new ClusterRoutes(discovery);
    this.health = new HealthRoutes(vertx.eventBus());
    this.docs = docs;
    this.auth = new AuthRoutes(bus);
    this.agents = new AgentRoutes(bus);
    this.memory = new MemoryRoutes(bus);
    this.tools = new ToolRoutes(bus);
    CredentialWatch credentials = new CredentialWatch(vertx);
    this.mcp = new McpEndpoint(vertx, bus, options, credentials);
    this.mcpServers = new McpServerRoutes(bus);
    this.tasks = new TaskRoutes(bus);
    this.rag = new RagRoutes(bus);
    this.ecs = new EcsRoutes(bus);
    this.streams = new TopicStreams(vertx, List.of(new TaskTopic(bus), new IngestTopic(bus), new EcsTopic(bus)));
    this.serverSentEvents = new ServerSentEvents(streams, credentials);
    this.streamSocket = new StreamSocket(streams, credentials);
    this.tickets = tickets;
  }

  Router router() {
    Router router = Router.router(vertx);
    router.route().handler(RequestIds::assign);
    router.route().handler(ctx -> AccessLog.record(ctx, options.nodeId()));
    router.route().handler(ctx -> SecurityHeaders.apply(ctx, options));
    if (!options.corsOrigins().isEmpty()) {
      router.route().handler(cors());
    }
    router.route().handler(RequestTarget::check);
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(options.bodyLimitBytes());
    // A WebSocket handshake has no body, and reading it (or letting it end while the caller is authenticated)
    // would forbid the upgrade: it stays paused until the upgrade. An upload stays paused until its caller is
    // admitted: nobody writes 50 MiB to this node's disk without a credential.
    router.route("/api/*").handler(ctx -> {
      if (ctx.request().headers().contains("Upgrade", "websocket", true) || Uploads.isUpload(ctx)) {
        ctx.request().pause();
        ctx.next();
      } else {
        bodies.handle(ctx);
      }
    });
    router.route("/mcp").handler(BodyHandler.create(false).setBodyLimit(options.bodyLimitBytes()));
    router.route("/mcp").handler(ctx -> McpOrigins.check(ctx, options));

    open(router, HttpMethod.GET, "/health/live", health::live);
    open(router, HttpMethod.GET, "/health/ready", health::ready);
    if (options.metricsPublic()) {
      open(router, HttpMethod.GET, "/metrics", MetricsRoute.create(options.metricsRegistry()));
    } else {
      api(router, HttpMethod.GET, "/metrics", Access.scope(Scopes.METRICS_READ), Limit.READ,
        MetricsRoute.create(options.metricsRegistry()));
    }
    open(router, HttpMethod.GET, "/openapi.json", docs::openApi);
    open(router, HttpMethod.GET, "/docs", docs::index);
    router.get(DocsRoutes.ASSETS + "*").handler(docs.assets());
    open(router, HttpMethod.GET, "/.well-known/jwks.json", auth::jwks);
    open(router, HttpMethod.GET, ProtectedResource.PATH, ProtectedResource::describe);

    api(router, HttpMethod.GET, "/api/v1/ping", Access.PUBLIC, Limit.READ, ping::ping);
    api(router, HttpMethod.GET, "/api/v1/cluster", Access.ADMIN, Limit.READ, cluster::describe);

    api(router, HttpMethod.POST, "/api/v1/auth/register", Access.PUBLIC, Limit.AUTH, auth::register);
    api(router, HttpMethod.POST, "/api/v1/auth/login", Access.PUBLIC, Limit.AUTH, auth::login);
    api(router, HttpMethod.POST, "/api/v1/auth/refresh", Access.PUBLIC, Limit.AUTH, auth::refresh);
    api(router, HttpMethod.POST, "/api/v1/auth/logout", Access.PUBLIC, Limit.AUTH, auth::logout);
    api(router, HttpMethod.POST, "/api/v1/auth/logout-all", Access.LOGIN, Limit.AUTH, auth::logoutAll);
    api(router, HttpMethod.GET, "/api/v1/auth/me", Access.SIGNED_IN, Limit.READ, auth::me);
    api(router, HttpMethod.DELETE, "/api/v1/auth/me", Access.LOGIN, Limit.WRITE, auth::deleteMe);
    api(router, HttpMethod.POST, "/api/v1/auth/password", Access.LOGIN, Limit.AUTH, auth::changePassword);
    api(router, HttpMethod.GET, "/api/v1/auth/logins", Access.LOGIN, Limit.READ, auth::logins);
    api(router, HttpMethod.DELETE, "/api/v1/auth/logins/:id", Access.LOGIN, Limit.WRITE, auth::endLogin);
    api(router, HttpMethod.POST, "/api/v1/auth/api-keys", Access.LOGIN, Limit.WRITE, auth::createApiKey);
    api(router, HttpMethod.GET, "/api/v1/auth/api-keys", Access.LOGIN, Limit.READ, auth::apiKeys);
    api(router, HttpMethod.DELETE, "/api/v1/auth/api-keys/:id", Access.LOGIN, Limit.WRITE, auth::revokeApiKey);
    api(router, HttpMethod.POST, "/api/v1/auth/keys/rotate", Access.ADMIN, Limit.WRITE, auth::rotateKeys);
    api(router, HttpMethod.GET, "/api/v1/users", Access.ADMIN, Limit.READ, auth::users);
    api(router, HttpMethod.PATCH, "/api/v1/users/:id", Access.ADMIN, Limit.WRITE, auth::updateUser);
    api(router, HttpMethod.DELETE, "/api/v1/users/:id", Access.ADMIN, Limit.WRITE, auth::deleteUser);
    api(router, HttpMethod.GET, "/api/v1/audit", Access.ADMIN, Limit.READ, auth::audit);

    api(router, HttpMethod.POST, "/api/v1/agents", Access.scope(Scopes.AGENTS_WRITE), Limit.WRITE, agents::create);
    api(router, HttpMethod.GET, "/api/v1/agents", Access.scope(Scopes.AGENTS_READ), Limit.READ, agents::list);
    api(router, HttpMethod.GET, "/api/v1/agents/:id", Access.scope(Scopes.AGENTS_READ), Limit.READ, agents::get);
    api(router, HttpMethod.PATCH, "/api/v1/agents/:id", Access.scope(Scopes.AGENTS_WRITE), Limit.WRITE,
      agents::update);
    api(router, HttpMethod.DELETE, "/api/v1/agents/:id", Access.scope(Scopes.AGENTS_WRITE), Limit.WRITE,
      agents::delete);

    api(router, HttpMethod.POST, "/api/v1/agents/:id/sessions", Access.scope(Scopes.MEMORY_WRITE), Limit.WRITE,
      memory::createSession);
    api(router, HttpMethod.GET, "/api/v1/agents/:id/sessions", Access.scope(Scopes.MEMORY_READ), Limit.READ,
      memory::sessions);
    api(router, HttpMethod.GET, "/api/v1/sessions/:id", Access.scope(Scopes.MEMORY_READ), Limit.READ,
      memory::session);
    api(router, HttpMethod.DELETE, "/api/v1/sessions/:id", Access.scope(Scopes.MEMORY_WRITE), Limit.WRITE,
      memory::deleteSession);
    api(router, HttpMethod.POST, "/api/v1/sessions/:id/messages", Access.scope(Scopes.MEMORY_WRITE), Limit.WRITE,
      memory::append);
    api(router, HttpMethod.GET, "/api/v1/sessions/:id/messages", Access.scope(Scopes.MEMORY_READ), Limit.READ,
      memory::messages);
    api(router, HttpMethod.POST, "/api/v1/sessions/:id/compact", Access.scope(Scopes.MEMORY_WRITE), Limit.WRITE,
      memory::compact);

    api(router, HttpMethod.POST, "/api/v1/sessions/:id/tasks", Access.scope(Scopes.TASKS_RUN), Limit.WRITE,
      tasks::submit);
    api(router, HttpMethod.GET, "/api/v1/tasks", Access.scope(Scopes.TASKS_READ), Limit.READ, tasks::list);
    api(router, HttpMethod.GET, "/api/v1/tasks/:id", Access.scope(Scopes.TASKS_READ), Limit.READ, tasks::get);
    api(router, HttpMethod.POST, "/api/v1/tasks/:id/cancel", Access.scope(Scopes.TASKS_RUN), Limit.WRITE,
      tasks::cancel);

    api(router, HttpMethod.POST, "/api/v1/collections", Access.scope(Scopes.RAG_WRITE), Limit.WRITE, rag::create);
    api(router, HttpMethod.GET, "/api/v1/collections", Access.scope(Scopes.RAG_READ), Limit.READ, rag::list);
    api(router, HttpMethod.GET, "/api/v1/collections/:id", Access.scope(Scopes.RAG_READ), Limit.READ, rag::get);
    api(router, HttpMethod.PATCH, "/api/v1/collections/:id", Access.scope(Scopes.RAG_WRITE), Limit.WRITE,
      rag::update);
    api(router, HttpMethod.DELETE, "/api/v1/collections/:id", Access.scope(Scopes.RAG_WRITE), Limit.WRITE,
      rag::delete);
    api(router, HttpMethod.GET, "/api/v1/collections/:id/stats", Access.scope(Scopes.RAG_READ), Limit.READ,
      rag::stats);
    api(router, HttpMethod.POST, "/api/v1/collections/:id/reindex", Access.scope(Scopes.RAG_WRITE), Limit.WRITE,
      rag::reindex);
    api(router, HttpMethod.POST, "/api/v1/collections/:id/sources", Access.ADMIN, Limit.WRITE, rag::createSource);
    api(router, HttpMethod.GET, "/api/v1/collections/:id/sources", Access.ADMIN, Limit.READ, rag::sources);
    api(router, HttpMethod.GET, "/api/v1/sources/:id", Access.ADMIN, Limit.READ, rag::source);
    api(router, HttpMethod.DELETE, "/api/v1/sources/:id", Access.ADMIN, Limit.WRITE, rag::deleteSource);
    Uploads uploads = new Uploads(options.uploadLimitBytes());
    table.add("POST /api/v1/collections/:id/documents\t" + Access.scope(Scopes.RAG_WRITE).describe());
    route(router, HttpMethod.POST, "/api/v1/collections/:id/documents")
      .handler(guard.of(Access.scope(Scopes.RAG_WRITE), options.rateLimits().write(), options.uploadLimitBytes()))
      .handler(uploads::read).handler(rag::addDocument);
    api(router, HttpMethod.GET, "/api/v1/collections/:id/documents", Access.scope(Scopes.RAG_READ), Limit.READ,
      rag::documents);
    api(router, HttpMethod.POST, "/api/v1/collections/:id/search", Access.scope(Scopes.RAG_READ), Limit.READ,
      rag::searchCollection);
    api(router, HttpMethod.POST, "/api/v1/search", Access.scope(Scopes.RAG_READ), Limit.READ, rag::search);
    api(router, HttpMethod.GET, "/api/v1/documents/:id", Access.scope(Scopes.RAG_READ), Limit.READ, rag::document);
    api(router, HttpMethod.DELETE, "/api/v1/documents/:id", Access.scope(Scopes.RAG_WRITE), Limit.WRITE,
      rag::deleteDocument);
    api(router, HttpMethod.GET, "/api/v1/ingest-jobs/:id", Access.scope(Scopes.RAG_READ), Limit.READ, rag::job);

    api(router, HttpMethod.GET, "/api/v1/ecs/status", Access.scope(Scopes.ECS_READ), Limit.READ, ecs::status);
    api(router, HttpMethod.GET, "/api/v1/ecs/map", Access.scope(Scopes.ECS_READ), Limit.READ, ecs::map);
    api(router, HttpMethod.GET, "/api/v1/ecs/agents", Access.scope(Scopes.ECS_READ), Limit.READ, ecs::list);
    api(router, HttpMethod.POST, "/api/v1/ecs/agents", Access.scope(Scopes.ECS_WRITE), Limit.WRITE, ecs::spawn);
    api(router, HttpMethod.POST, "/api/v1/ecs/agents/offspring", Access.scope(Scopes.ECS_WRITE), Limit.WRITE,
      ecs::offspring);
    api(router, HttpMethod.GET, "/api/v1/ecs/agents/:id", Access.scope(Scopes.ECS_READ), Limit.READ, ecs::get);
    api(router, HttpMethod.GET, "/api/v1/ecs/agents/:id/mates", Access.scope(Scopes.ECS_READ), Limit.READ,
      ecs::mates);
    api(router, HttpMethod.GET, "/api/v1/ecs/agents/:id/compatibility/:other", Access.scope(Scopes.ECS_READ),
      Limit.READ, ecs::compatibility);
    api(router, HttpMethod.GET, "/api/v1/ecs/agents/:id/lineage", Access.scope(Scopes.ECS_READ), Limit.READ,
      ecs::lineage);
    api(router, HttpMethod.GET, "/api/v1/ecs/agents/:id/memory", Access.scope(Scopes.ECS_READ), Limit.READ,
      ecs::memory);
    api(router, HttpMethod.GET, "/api/v1/ecs/agents/:id/relationships", Access.scope(Scopes.ECS_READ), Limit.READ,
      ecs::relationships);
    api(router, HttpMethod.POST, "/api/v1/ecs/agents/:id/link", Access.scope(Scopes.ECS_WRITE), Limit.WRITE,
      ecs::link);
    api(router, HttpMethod.POST, "/api/v1/ecs/agents/:id/act", Access.scope(Scopes.ECS_WRITE), Limit.WRITE,
      ecs::act);
    api(router, HttpMethod.POST, "/api/v1/ecs/world/speed", Access.ADMIN, Limit.WRITE, ecs::speed);
    api(router, HttpMethod.POST, "/api/v1/ecs/world/pause", Access.ADMIN, Limit.WRITE, ecs::pause);
    api(router, HttpMethod.POST, "/api/v1/ecs/world/resume", Access.ADMIN, Limit.WRITE, ecs::resume);
    api(router, HttpMethod.POST, "/api/v1/ecs/world/step", Access.ADMIN, Limit.WRITE, ecs::step);
    api(router, HttpMethod.POST, "/api/v1/ecs/world/reset", Access.ADMIN, Limit.WRITE, ecs::reset);
    api(router, HttpMethod.GET, "/api/v1/ingest-jobs/:id/events", Access.stream(Scopes.RAG_READ), Limit.READ,
      serverSentEvents.of(StreamTopics.INGEST));
    api(router, HttpMethod.GET, "/api/v1/tasks/:id/events", Access.stream(Scopes.TASKS_READ), Limit.READ,
      serverSentEvents.of(StreamTopics.TASK));
    // The socket and tickets need the scope of some topic; each subscription is authorized for its own.
    api(router, HttpMethod.GET, "/api/v1/stream", Access.stream(null), Limit.READ, streamSocket::open);
    api(router, HttpMethod.POST, "/api/v1/stream-tickets", Access.SIGNED_IN, Limit.WRITE, this::streamTicket);

    api(router, HttpMethod.GET, "/api/v1/tools", Access.SIGNED_IN, Limit.READ, tools::list);
    api(router, HttpMethod.GET, "/api/v1/tools/:name", Access.SIGNED_IN, Limit.READ, tools::get);
    api(router, HttpMethod.POST, "/api/v1/tools/:name/invoke", Access.scope(Scopes.TOOLS_CALL), Limit.WRITE,
      tools::invoke);

    api(router, HttpMethod.POST, "/api/v1/mcp/servers", Access.ADMIN, Limit.WRITE, mcpServers::add);
    api(router, HttpMethod.GET, "/api/v1/mcp/servers", Access.ADMIN, Limit.READ, mcpServers::list);
    api(router, HttpMethod.GET, "/api/v1/mcp/servers/:name", Access.ADMIN, Limit.READ, mcpServers::get);
    api(router, HttpMethod.DELETE, "/api/v1/mcp/servers/:name", Access.ADMIN, Limit.WRITE, mcpServers::remove);

    Access mcpAccess = options.mcpGuests() ? Access.SIGNED_IN_OR_GUEST : Access.SIGNED_IN;
    api(router, HttpMethod.POST, "/mcp", mcpAccess, Limit.WRITE, mcp::post);
    api(router, HttpMethod.DELETE, "/mcp", mcpAccess, Limit.WRITE, mcp::delete);
    api(router, HttpMethod.GET, "/mcp", mcpAccess, Limit.READ, mcp::get);

    allowed.forEach((path, methods) -> router.route(HttpMethod.OPTIONS, path).handler(ctx -> ctx.response()
      .putHeader("Allow", String.join(", ", methods)).setStatusCode(204).end()));
    router.route().failureHandler(Failures::handle);
    for (int status : new int[] {400, 404, 405, 413, 500}) {
      router.errorHandler(status, Failures::handle);
    }
    return router;
  }

  /** Every route with who may call it ({@code METHOD path<TAB>access}), in declaration order, once routed. */
  List<String> accessTable() {
    return List.copyOf(table);
  }

  private void streamTicket(RoutingContext ctx) {
    streams.requireSomeTopic(ctx);
    tickets.issue(Caller.of(ctx))
      .onSuccess(ticket -> Responses.json(ctx, 201, ticket)).onFailure(ctx::fail);
  }

  /** Ends long-lived responses (MCP streams) so that a graceful shutdown drains promptly. */
  void closeStreams() {
    mcp.closeStreams();
    streams.closeAll();
  }

  /** Rate-limit classes of API routes; auth routes also take smaller bodies. */
  private enum Limit { AUTH, READ, WRITE }

  private void open(Router router, HttpMethod method, String path, Handler<RoutingContext> handler) {
    table.add(method.name() + " " + path + "\t" + Access.PUBLIC.describe());
    route(router, method, path).handler(handler);
  }

  private void api(Router router, HttpMethod method, String path, Access access, Limit limit,
                   Handler<RoutingContext> handler) {
    RateLimits limits = options.rateLimits();
    RateLimits.Limit window = switch (limit) {
      case AUTH -> limits.auth();
      case READ -> limits.read();
      case WRITE -> limits.write();
    };
    long bodyLimit = limit == Limit.AUTH ? options.authBodyLimitBytes() : options.bodyLimitBytes();
    table.add(method.name() + " " + path + "\t" + access.describe());
    route(router, method, path).handler(guard.of(access, window, bodyLimit)).handler(handler);
  }

  /** A route for {@code method}; a GET answers HEAD too (RFC 9110: the same headers, no body). */
  private Route route(Router router, HttpMethod method, String path) {
    Set<String> methods = allowed.computeIfAbsent(path, p -> new LinkedHashSet<>(List.of("OPTIONS")));
    methods.add(method.name());
    Route route = router.route(path).method(method);
    if (method == HttpMethod.GET && !STREAMS.contains(path)) {
      methods.add("HEAD");
      route.method(HttpMethod.HEAD);
    }
    return route;
  }

  private CorsHandler cors() {
    return CorsHandler.create().addOrigins(options.corsOrigins())
      .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH, HttpMethod.DELETE))
      .allowedHeaders(Set.of("Authorization", "Content-Type", "X-API-Key", "X-Request-Id", "If-Match",
        "Idempotency-Key", "Last-Event-ID"))
      .exposedHeaders(Set.of("X-Request-Id", "RateLimit", "RateLimit-Policy", "Retry-After", "ETag", "Location"));
  }
}
