package io.agentmesh.verticles.mcp;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolInvocation;
import io.agentmesh.contract.tools.ToolOutput;
import io.agentmesh.contract.tools.ToolRegistration;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.agentmesh.contract.tools.UpstreamDraft;
import io.agentmesh.contract.tools.UpstreamList;
import io.agentmesh.contract.tools.UpstreamServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Federated MCP servers on this node: a client per server, its tools registered as {@code <server>__<tool>} (the
 * registry's usual path, as the pseudo-domain {@code upstream:<server>}), refreshed when the server announces
 * {@code tools/list_changed} and every {@code mcp.upstream_refresh_seconds}. An unreachable server keeps its tools
 * listed and is marked unavailable; its calls fail fast while its circuit is open. Every mcp node connects to every
 * server (PostgreSQL is the list; additions and removals are announced on the bus).
 */
final class Upstreams {

  private static final Logger LOG = LoggerFactory.getLogger(Upstreams.class);
  private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,23}$");
  private static final Pattern HEADER = Pattern.compile("^[A-Za-z0-9-]{1,64}$");
  private static final String DOMAIN_PREFIX = "upstream:";

  private final Vertx vertx;
  private final UpstreamStore store;
  private final ToolStore tools;
  private final ToolRegistry registry;
  private final ToolCatalog catalog;
  private final UpstreamRecords records;
  private final long timeoutMs;
  private final WebClient web;
  private final HttpClient http;
  private final Map<String, UpstreamClient> clients = new HashMap<>();

  Upstreams(Vertx vertx, UpstreamStore store, ToolStore tools, ToolRegistry registry, ToolCatalog catalog,
            UpstreamRecords records, long timeoutMs) {
    this.vertx = vertx;
    this.store = store;
    this.tools = tools;
    this.registry = registry;
    this.catalog = catalog;
    this.records = records;
    this.timeoutMs = timeoutMs;
    this.web = WebClient.create(vertx);
    this.http = vertx.createHttpClient();
  }

  /** Connects to every stored server (in the background: a slow server does not hold up the node). */
  void start(long refreshMs) {
    reconcile();
    vertx.setPeriodic(refreshMs, t -> clients.keySet().forEach(this::refresh));
  }

  void stop() {
    clients.values().forEach(UpstreamClient::close);
    clients.clear();
  }

  /** Brings this node's clients in line with the stored list (after a change announced by any node). */
  void reconcile() {
    store.all().onSuccess(stored -> {
      List<String> names = stored.stream().map(UpstreamStore.Stored::name).toList();
      for (String name : List.copyOf(clients.keySet())) {
        if (!names.contains(name)) {
          clients.remove(name).close();
          records.unpublish(name);
        }
      }
      stored.stream().filter(server -> !clients.containsKey(server.name())).forEach(this::connect);
    }).onFailure(failure -> LOG.warn("Cannot read the federated MCP servers: {}", failure.getMessage()));
  }

  Future<UpstreamServer> add(Message<UpstreamDraft> message) {
    String admin = RequestConsumers.admin(message).userId();
    UpstreamDraft draft = message.body();
    List<FieldError> problems = problems(draft);
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
    return store.insert(draft, admin).compose(stored -> {
      Future<Void> firstRefresh = connect(stored);
      vertx.eventBus().publish(ToolsAddresses.UPSTREAM_CHANGED, stored.name());
      // Another node may have stored the same tools first (so this one saw no change): read the catalog afresh.
      return firstRefresh.compose(done -> registry.reload()).compose(done -> store.get(stored.name()))
        .map(this::view);
    });
  }

  Future<UpstreamList> list(Message<?> message) {
    RequestConsumers.admin(message);
    return store.all().map(all -> new UpstreamList(all.stream().map(this::view).toList()));
  }

  Future<UpstreamServer> get(Message<ResourceId> message) {
    RequestConsumers.admin(message);
    return found(message.body().id()).map(this::view);
  }

  /** Removes the server and its tools, on every node. */
  Future<Void> remove(Message<ResourceId> message) {
    RequestConsumers.admin(message);
    String name = message.body().id();
    return found(name).compose(stored -> store.delete(name))
      .compose(deleted -> tools.replace(new ToolRegistration(DOMAIN_PREFIX + name, List.of())))
      .compose(changed -> registry.reload().onSuccess(ok -> {
        vertx.eventBus().publish(ToolsAddresses.CHANGED, DOMAIN_PREFIX + name);
        vertx.eventBus().publish(ToolsAddresses.UPSTREAM_CHANGED, name);
      }));
  }

  /** A federated tool's call, forwarded to its server with the server's own credentials. */
  Future<ToolOutput> call(Message<ToolInvocation> message) {
    RequestConsumers.caller(message);
    String qualified = message.body().tool();
    int separator = qualified.indexOf(ToolsAddresses.UPSTREAM_SEPARATOR);
    UpstreamClient client = separator < 0 ? null : clients.get(qualified.substring(0, separator));
    if (client == null) {
      return Future.failedFuture(new DomainException(ErrorCode.UNAVAILABLE, "The MCP server of " + qualified
        + " is not connected on this node."));
    }
    String tool = qualified.substring(separator + ToolsAddresses.UPSTREAM_SEPARATOR.length());
    return client.call(tool, message.body().arguments())
      .recover(failure -> Future.failedFuture(failure instanceof DomainException ? failure
        : new DomainException(ErrorCode.UNAVAILABLE, "The MCP server " + client.name + " is unavailable"
          + (client.open() ? " (circuit open)." : ": " + failure.getMessage()))))
      .compose(Upstreams::output);
  }

  /** A client for the server, listing its tools at once; the future is that first refresh. */
  private Future<Void> connect(UpstreamStore.Stored stored) {
    if (clients.containsKey(stored.name())) {
      return Future.succeededFuture();
    }
    UpstreamClient client = new UpstreamClient(vertx, web, http, stored.name(), stored.url(), stored.credentials(),
      timeoutMs);
    clients.put(stored.name(), client);
    records.publish(stored.name(), stored.url());
    client.watch(() -> refresh(client.name));
    return refresh(client);
  }

  private void refresh(String name) {
    UpstreamClient client = clients.get(name);
    if (client != null) {
      refresh(client);
    }
  }

  /** Lists the server's tools and registers them; a failure marks it unavailable and leaves its tools listed. */
  private Future<Void> refresh(UpstreamClient client) {
    return client.listTools().compose(listed -> {
      List<ToolDefinition> definitions = new ArrayList<>();
      for (JsonObject tool : listed) {
        ToolDefinition definition = definition(client.name, tool);
        if (definition != null) {
          definitions.add(definition);
        }
      }
      return tools.replace(new ToolRegistration(DOMAIN_PREFIX + client.name, definitions));
    }).compose(changed -> {
      if (!changed) {
        return Future.<Void>succeededFuture();
      }
      return registry.reload().onSuccess(ok -> vertx.eventBus().publish(ToolsAddresses.CHANGED,
        DOMAIN_PREFIX + client.name));
    }).compose(ok -> store.status(client.name, true, null))
      .recover(failure -> {
        LOG.warn("MCP server {} is unavailable: {}", client.name, failure.getMessage());
        return store.status(client.name, false, String.valueOf(failure.getMessage()));
      });
  }

  /** A server's tool as the registry keeps it; a name the providers would refuse is left out (logged). */
  private static ToolDefinition definition(String server, JsonObject tool) {
    String name = server + ToolsAddresses.UPSTREAM_SEPARATOR + tool.getString("name", "");
    if (!ToolDefinition.NAME.matcher(name).matches()) {
      LOG.warn("MCP server {}: tool {} left out (its name does not fit ^[a-zA-Z0-9_-]{{1,64}}$ with the prefix)",
        server, tool.getString("name"));
      return null;
    }
    JsonObject hints = tool.getJsonObject("annotations", new JsonObject());
    ToolAnnotations annotations = new ToolAnnotations(hints.getBoolean("readOnlyHint", false),
      hints.getBoolean("destructiveHint", true), hints.getBoolean("idempotentHint", false),
      hints.getBoolean("openWorldHint", true));
    JsonObject output = tool.getJsonObject("outputSchema");
    return new ToolDefinition(name, tool.getString("title", tool.getString("name")),
      tool.getString("description", "A tool of the MCP server " + server),
      tool.getJsonObject("inputSchema", new JsonObject().put("type", "object")).getMap(),
      output == null ? null : output.getMap(), annotations, DOMAIN_PREFIX + server, ToolsAddresses.UPSTREAM_CALL,
      Scopes.TOOLS_CALL);
  }

  private static Future<ToolOutput> output(JsonObject result) {
    List<Map<String, Object>> content = new ArrayList<>();
    result.getJsonArray("content", new JsonArray())
      .forEach(block -> content.add(((JsonObject) block).getMap()));
    if (result.getBoolean("isError", false)) {
      String text = String.join("\n", content.stream().filter(block -> "text".equals(block.get("type")))
        .map(block -> String.valueOf(block.get("text"))).toList());
      return Future.failedFuture(new DomainException(ErrorCode.VALIDATION_FAILED, text.isEmpty()
        ? "The tool failed." : text));
    }
    JsonObject structured = result.getJsonObject("structuredContent");
    return Future.succeededFuture(new ToolOutput(structured == null ? null : structured.getMap(), content));
  }

  private Future<UpstreamStore.Stored> found(String name) {
    return store.get(name).compose(stored -> stored == null
      ? Future.failedFuture(DomainException.notFound("MCP server " + name))
      : Future.succeededFuture(stored));
  }

  private UpstreamServer view(UpstreamStore.Stored stored) {
    String prefix = stored.name() + ToolsAddresses.UPSTREAM_SEPARATOR;
    List<String> names = catalog.all().stream().map(ToolDefinition::name).filter(n -> n.startsWith(prefix)).toList();
    return new UpstreamServer(stored.name(), stored.url(), stored.description(), !stored.credentials().isEmpty(),
      stored.status(), stored.lastError(), names, stored.createdAt(), stored.refreshedAt());
  }

  private static List<FieldError> problems(UpstreamDraft draft) {
    List<FieldError> problems = new ArrayList<>();
    if (draft.name() == null || !NAME.matcher(draft.name()).matches()) {
      problems.add(new FieldError("name", "lower-case letters, digits and '-', 1 to 24, starting with a letter or "
        + "digit (it prefixes the server's tools)"));
    }
    if (!httpUrl(draft.url())) {
      problems.add(new FieldError("url", "an absolute http or https URL of the server's MCP endpoint"));
    }
    if (draft.description() != null && draft.description().length() > 500) {
      problems.add(new FieldError("description", "at most 500 characters"));
    }
    if (draft.bearerToken() != null && (draft.bearerToken().isBlank() || draft.bearerToken().length() > 4096)) {
      problems.add(new FieldError("bearer_token", "1 to 4096 characters"));
    }
    draft.headers().forEach((header, value) -> {
      if (!HEADER.matcher(header).matches() || value == null || value.length() > 4096 || value.contains("\n")) {
        problems.add(new FieldError("headers." + header, "a header name of letters, digits and '-' with a value of "
          + "at most 4096 characters on one line"));
      }
    });
    return problems;
  }

  private static boolean httpUrl(String url) {
    try {
      URI uri = url == null ? null : new URI(url);
      return uri != null && uri.getHost() != null && ("http".equals(uri.getScheme())
        || "https".equals(uri.getScheme())) && uri.getUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
