package io.agentmesh.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agentmesh.node.auth.Api;
import io.agentmesh.node.tasks.TasksApiTest;
import io.agentmesh.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input, generated from the node's own OpenAPI document: for every route, each path and query parameter given
 * malformed escapes, NUL, invalid UTF-8 and out-of-range numbers; each header parameter odd values; each body
 * field (one level into objects) wrong types, boundary and infinite numbers, NUL and lone surrogates, oversized
 * strings and deep nesting; whole bodies that are not objects or not JSON. Nothing may answer 5xx, name a Java class
 * or log an unexpected failure (an ERROR line, or any stack trace) while it runs.
 */
@DisplayName("Bad input at the edge (OpenAPI-driven fuzzing)")
class EdgeFuzzTest {

  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
  private static final Pattern JAVA_LEAK = Pattern.compile(
    "\\b(java|javax|sun|io\\.vertx|io\\.netty|io\\.agentmesh|com\\.fasterxml|com\\.networknt|org\\.postgresql)\\.[a-z]"
      + "|Exception\\b|\\tat ");
  private static final List<String> PATH_VALUES = List.of("%", "%ZZ", "%0", "%00", "a%00b", "%FF", "%ED%A0%80",
    "%C0%AF", "%2E%2E%2F%2E%2E", "1e400", "x".repeat(300), "%F0%9F%98%80", "%E2%80%AE");
  private static final List<String> QUERY_VALUES = List.of("%", "%ZZ", "%00", "%FF", "%ED%A0%80", "1e400", "-1",
    "0", "99999999999999999999", "x".repeat(3000), "%F0%9F%98%80", "", "a+b", "%2B");
  private static final List<String> HEADER_VALUES = List.of("1e400", "-1", "%00", "\"", "W/\"1\"", "x".repeat(3000),
    "*", "\"99999999999999999999\"");
  private static final List<String> FIELD_VALUES = List.of("1e400", "-1e400", "123456789012345678901234567890",
    "-0", "0.5", "-1", "true", "null", "{}", "[]", "\"\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udc00\"",
    "\"\\ud83d\\ude00\"", "\"" + "y".repeat(200_000) + "\"", "[".repeat(400) + "]".repeat(400),
    "{\"\\u0000\": 1}", "{\"a\": 1e400}", "[\"\\u0000\"]");
  private static final List<String> WHOLE_BODIES = List.of("[]", "\"x\"", "nul", "{", "{}", "1e400",
    "[".repeat(5000) + "]".repeat(5000), "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}");

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,memory,mcp,tasks,rag,ecs")
    .configure(TasksApiTest::withScripts);
  private static String token;
  private static final Map<String, String> IDS = new LinkedHashMap<>();
  private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    String root = node.api().accessToken(TestNodes.ADMIN, TestNodes.ADMIN_PASSWORD);
    String fuzzer = node.api().newUser("fuzzer");
    String fuzzerId = Api.json(node.api().get("/api/v1/auth/me", node.api().accessToken(fuzzer))).getString("id");
    node.api().call(HttpMethod.PATCH, "/api/v1/users/" + fuzzerId, root, new JsonObject()
      .put("roles", new JsonArray().add("admin")));
    token = node.api().accessToken(fuzzer);
    String agent = Api.json(node.api().post("/api/v1/agents", token, new JsonObject().put("name", "fuzzed")
      .put("model", new JsonObject().put("provider", "scripted").put("name", "echo-tool")))).getString("id");
    String session = Api.json(node.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    String task = Api.json(node.api().post("/api/v1/sessions/" + session + "/tasks", token, new JsonObject()
      .put("input", "hello"))).getString("id");
    Await.eventually(() -> Api.json(node.api().get("/api/v1/tasks/" + task, token)).getString("status"),
      status -> !status.equals("queued") && !status.equals("running"));
    String bystander = Api.json(node.api().get("/api/v1/auth/me", node.api().accessToken(node.api()
      .newUser("bystander"))))
      .getString("id");
    IDS.put("/api/v1/agents/", agent);
    IDS.put("/api/v1/sessions/", session);
    IDS.put("/api/v1/tasks/", task);
    IDS.put("/api/v1/users/", bystander);
    IDS.put("/api/v1/tools/", "whoami");
    IDS.put("/api/v1/mcp/servers/", "absent");
    IDS.put("/api/v1/auth/", "zz_absent");
    // the world of an earlier test class may still be held by its node's lease for a moment
    Await.eventually(Duration.ofSeconds(30), () -> node.api().post("/api/v1/ecs/agents", token, new JsonObject())
      .statusCode(), status -> status == 201);
    IDS.put("/api/v1/ecs/agents/", Api.json(node.api().get("/api/v1/ecs/agents?owner=me", token))
      .getJsonArray("data").getJsonObject(0).getString("id"));
    LOG.start();
    root().addAppender(LOG);
  }

  @AfterAll
  static void stop() {
    root().detachAppender(LOG);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Test
  @DisplayName("no 5xx, no Java class in a body, no unexpected failure in the log, for every route's bad input")
  void everyRoute() throws Exception {
    JsonObject document = Api.json(node.api().get("/openapi.json", null));
    JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    for (String path : document.getJsonObject("paths").fieldNames()) {
      JsonObject operations = document.getJsonObject("paths").getJsonObject(path);
      for (String method : operations.fieldNames()) {
        for (Probe probe : probes(path, method.toUpperCase(), operations.getJsonObject(method), schemas)) {
          sent++;
          String failure = send(probe);
          if (failure != null) {
            wrong.add(probe.describe() + " -> " + failure);
          }
        }
      }
    }
    List<String> logged = LOG.list.stream()
      .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR)
        || event.getLevel().isGreaterOrEqual(Level.WARN) && event.getThrowableProxy() != null)
      .map(event -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()).toList();
    assertThat(sent).as("requests sent").isGreaterThan(1500);
    assertThat(wrong).as("bad answers").isEmpty();
    assertThat(logged).as("unexpected failures logged").isEmpty();
  }

  /** One malformed request. */
  private record Probe(HttpMethod method, String uri, Map<String, String> headers, Buffer body) {
    String describe() {
      String shown = body == null ? "" : " " + body.toString().substring(0, Math.min(120, body.length()));
      return method + " " + uri.substring(0, Math.min(160, uri.length())) + " " + headers.keySet() + shown;
    }
  }

  private static List<Probe> probes(String template, String method, JsonObject operation, JsonObject schemas) {
    List<Probe> probes = new ArrayList<>();
    String base = withIds(template);
    JsonArray parameters = operation.getJsonArray("parameters", new JsonArray());
    JsonObject bodySchema = bodySchema(operation, schemas);
    Buffer validBody = bodySchema == null ? null : Buffer.buffer(example(bodySchema, schemas).encode());
    Matcher params = PATH_PARAM.matcher(template);
    while (params.find()) {
      String name = params.group();
      for (String value : PATH_VALUES) {
        probes.add(new Probe(HttpMethod.valueOf(method), withIds(template.replace(name, value)), Map.of(), validBody));
      }
    }
    for (Object item : parameters) {
      JsonObject parameter = (JsonObject) item;
      String name = parameter.getString("name");
      if ("query".equals(parameter.getString("in"))) {
        for (String value : QUERY_VALUES) {
          probes.add(new Probe(HttpMethod.valueOf(method), base + "?" + name + "=" + value, Map.of(), validBody));
        }
        probes.add(new Probe(HttpMethod.valueOf(method), base + "?" + name + "%00=1&" + name + "=a&" + name + "=b",
          Map.of(), validBody));
      } else if ("header".equals(parameter.getString("in"))) {
        for (String value : HEADER_VALUES) {
          probes.add(new Probe(HttpMethod.valueOf(method), base, Map.of(name, value), validBody));
        }
      }
    }
    if (bodySchema != null) {
      JsonObject example = example(bodySchema, schemas);
      for (String field : fieldPaths(bodySchema, schemas, "")) {
        for (String value : FIELD_VALUES) {
          probes.add(new Probe(HttpMethod.valueOf(method), base, Map.of(), Buffer.buffer(replaced(example, field,
            value))));
        }
      }
      for (String whole : WHOLE_BODIES) {
        probes.add(new Probe(HttpMethod.valueOf(method), base, Map.of(), Buffer.buffer(whole)));
      }
      probes.add(new Probe(HttpMethod.valueOf(method), base, Map.of(), Buffer.buffer(new byte[] {'{', '"', 'a', '"',
        ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})));
    }
    if (template.equals("/mcp") && method.equals("POST")) {
      probes.addAll(mcpProbes());
    }
    return probes;
  }

  private static List<Probe> mcpProbes() {
    List<Probe> probes = new ArrayList<>();
    for (String value : FIELD_VALUES) {
      for (String message : List.of(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":" + value + "}}",
        "{\"jsonrpc\":\"2.0\",\"id\":" + value + ",\"method\":\"initialize\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":" + value + "}")) {
        probes.add(new Probe(HttpMethod.POST, "/mcp", Map.of(), Buffer.buffer(message)));
      }
    }
    probes.add(new Probe(HttpMethod.POST, "/mcp", Map.of("Content-Type", "text/plain"),
      Buffer.buffer("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")));
    return probes;
  }

  private static String withIds(String path) {
    String filled = path;
    for (Map.Entry<String, String> id : IDS.entrySet()) {
      if (filled.startsWith(id.getKey())) {
        filled = PATH_PARAM.matcher(filled).replaceFirst(id.getValue());
      }
    }
    return PATH_PARAM.matcher(filled).replaceAll("zz_absent");
  }

  private static JsonObject bodySchema(JsonObject operation, JsonObject schemas) {
    JsonObject content = operation.getJsonObject("requestBody", new JsonObject()).getJsonObject("content",
      new JsonObject());
    JsonObject media = content.getJsonObject("application/json", content.getJsonObject("application/merge-patch+json"));
    return media == null || media.getJsonObject("schema") == null ? null : resolve(media.getJsonObject("schema"),
      schemas);
  }

  private static JsonObject resolve(JsonObject schema, JsonObject schemas) {
    String ref = schema.getString("$ref");
    return ref == null ? schema : schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
  }

  /** A plausible body: every property given a value of its type (validity is not the point). */
  private static JsonObject example(JsonObject schema, JsonObject schemas) {
    JsonObject example = new JsonObject();
    schema.getJsonObject("properties", new JsonObject()).forEach(property -> {
      JsonObject field = resolve((JsonObject) property.getValue(), schemas);
      example.put(property.getKey(), exampleValue(field, schemas));
    });
    return example;
  }

  private static Object exampleValue(JsonObject field, JsonObject schemas) {
    if (field.getJsonArray("enum") != null) {
      return field.getJsonArray("enum").getValue(0);
    }
    Object type = field.getValue("type");
    String first = type instanceof JsonArray types ? types.getString(0) : (String) type;
    return switch (first == null ? "string" : first) {
      case "integer", "number" -> 1;
      case "boolean" -> false;
      case "array" -> new JsonArray();
      case "object" -> example(field, schemas);
      default -> "fuzz";
    };
  }

  /** Dotted paths of the schema's properties, one level into nested objects. */
  private static List<String> fieldPaths(JsonObject schema, JsonObject schemas, String prefix) {
    List<String> paths = new ArrayList<>();
    schema.getJsonObject("properties", new JsonObject()).forEach(property -> {
      String path = prefix + property.getKey();
      paths.add(path);
      JsonObject field = resolve((JsonObject) property.getValue(), schemas);
      if (prefix.isEmpty() && field.getJsonObject("properties") != null) {
        paths.addAll(fieldPaths(field, schemas, path + "."));
      }
    });
    return paths;
  }

  /** The example with one field's value replaced by raw JSON text (which a JSON library would not write). */
  private static String replaced(JsonObject example, String field, String rawValue) {
    JsonObject copy = example.copy();
    String[] parts = field.split("\\.");
    JsonObject parent = copy;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = parent.getJsonObject(parts[i]);
    }
    parent.put(parts[parts.length - 1], "@@VALUE@@");
    return copy.encode().replace("\"@@VALUE@@\"", rawValue);
  }

  /**
   * What was wrong with the answer, or null. Sent over a plain socket, one connection a request: malformed request
   * targets must reach the server exactly as written, which an HTTP client library would refuse or repair.
   */
  private static String send(Probe probe) {
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      socket.setSoTimeout(15_000);
      StringBuilder head = new StringBuilder(probe.method().name()).append(' ').append(probe.uri())
        .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer ").append(token)
        .append("\r\n");
      Map<String, String> headers = new LinkedHashMap<>(probe.headers());
      if (probe.body() != null) {
        headers.putIfAbsent("Content-Type", "application/json");
        headers.put("Content-Length", String.valueOf(probe.body().length()));
      }
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (probe.body() != null) {
          out.write(probe.body().getBytes());
        }
        out.flush();
      } catch (IOException refusedEarly) {
        // the server answered before taking the whole body and closed: its answer is still to be read
      }
      return verdict(readAnswer(socket.getInputStream()));
    } catch (SocketTimeoutException e) {
      return "no answer within 15 s";
    } catch (IOException e) {
      return "connection failed: " + e;
    }
  }

  /** The status line, headers and as much body as came before the server closed (or the stream's head only). */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int read; (read = in.read(buffer)) > 0; ) {
      answer.write(buffer, 0, read);
      String sofar = answer.toString(StandardCharsets.UTF_8);
      if (sofar.contains("\r\n\r\n") && sofar.toLowerCase(Locale.ROOT).contains("content-type: text/event-stream")) {
        break; // a stream that opened: its head is the answer
      }
    }
    return answer.toString(StandardCharsets.UTF_8);
  }

  private static String verdict(String answer) {
    if (!answer.startsWith("HTTP/1.1 ")) {
      return "no HTTP answer: " + answer.substring(0, Math.min(100, answer.length()));
    }
    int status = Integer.parseInt(answer.substring(9, 12));
    int bodyStart = answer.indexOf("\r\n\r\n");
    return verdict(status, bodyStart < 0 ? "" : answer.substring(bodyStart + 4));
  }

  private static String verdict(int status, String body) {
    if (status >= 500) {
      return "status " + status + " " + body.substring(0, Math.min(300, body.length()));
    }
    Matcher leak = JAVA_LEAK.matcher(body);
    if (leak.find()) {
      return "names a Java class (" + leak.group() + "): " + body.substring(0, Math.min(300, body.length()));
    }
    return null;
  }
}
