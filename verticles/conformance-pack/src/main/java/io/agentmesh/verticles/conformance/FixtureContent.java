package io.agentmesh.verticles.conformance;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.conformance.ConformancePackAddresses;
import io.agentmesh.contract.conformance.McpPayload;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The prompts, resources, resource template and completions the conformance suite reads by name. */
final class FixtureContent {

  private static final String TEMPLATE = "test://template/{id}/data";
  private static final Pattern TEMPLATE_URI = Pattern.compile("^test://template/([^/]+)/data$");
  private static final List<String> CITIES = List.of("paris", "park", "party", "test", "testing");

  private final Vertx vertx;

  FixtureContent(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Void> serve() {
    EventBus bus = vertx.eventBus();
    return Future.all(List.of(
      answer(bus, ConformancePackAddresses.PROMPTS_LIST, params -> Map.of("prompts", List.of(
        prompt("test_simple_prompt", "A prompt without arguments", List.of()),
        prompt("test_prompt_with_arguments", "A prompt with two arguments", List.of("arg1", "arg2")),
        prompt("test_prompt_with_embedded_resource", "A prompt embedding a resource", List.of("resourceUri")),
        prompt("test_prompt_with_image", "A prompt with an image", List.of())))),
      answer(bus, ConformancePackAddresses.PROMPTS_GET, this::getPrompt),
      answer(bus, ConformancePackAddresses.RESOURCES_LIST, params -> Map.of("resources", List.of(
        listed("test://static-text", "Static text", "text/plain"),
        listed("test://static-binary", "Static binary", "image/png"),
        listed("test://watched-resource", "Watched resource", "text/plain")))),
      answer(bus, ConformancePackAddresses.RESOURCES_READ, this::read),
      answer(bus, ConformancePackAddresses.TEMPLATES_LIST, params -> Map.of("resourceTemplates", List.of(Map.of(
        "uriTemplate", TEMPLATE, "name", "Template data", "description", "Data for an id",
        "mimeType", "application/json")))),
      answer(bus, ConformancePackAddresses.COMPLETE, this::complete))).mapEmpty();
  }

  private Map<String, Object> getPrompt(Map<String, Object> params) {
    Map<?, ?> args = object(params.get("arguments"));
    String name = String.valueOf(params.get("name"));
    return switch (name) {
      case "test_simple_prompt" -> messages(FixtureTools.text("This is a simple prompt for testing."));
      case "test_prompt_with_arguments" -> messages(FixtureTools.text("Prompt with arguments: arg1='"
        + argument(args, "arg1") + "', arg2='" + argument(args, "arg2") + "'"));
      case "test_prompt_with_embedded_resource" -> messages(
        FixtureTools.resource(argument(args, "resourceUri"), "text/plain", "Embedded resource content for testing."),
        FixtureTools.text("Please process the embedded resource above."));
      case "test_prompt_with_image" -> messages(FixtureTools.image(),
        FixtureTools.text("Please analyze the image above."));
      default -> throw DomainException.notFound("Prompt " + name);
    };
  }

  private Map<String, Object> read(Map<String, Object> params) {
    String uri = String.valueOf(params.get("uri"));
    Matcher template = TEMPLATE_URI.matcher(uri);
    Map<String, Object> content = switch (uri) {
      case "test://static-text" -> Map.of("uri", uri, "mimeType", "text/plain",
        "text", "This is the content of the static text resource.");
      case "test://static-binary" -> Map.of("uri", uri, "mimeType", "image/png", "blob", FixtureMedia.PNG);
      case "test://watched-resource" -> Map.of("uri", uri, "mimeType", "text/plain", "text", "Watched content.");
      default -> template.matches() ? Map.of("uri", uri, "mimeType", "application/json", "text",
        "{\"id\":\"" + template.group(1) + "\",\"templateTest\":true,\"data\":\"Data for ID: " + template.group(1)
          + "\"}") : null;
    };
    if (content == null) {
      throw DomainException.notFound("Resource " + uri);
    }
    return Map.of("contents", List.of(content));
  }

  /** Completion of {@code arg1} from a fixed list, and of the template's {@code id}; values start with the input. */
  private Map<String, Object> complete(Map<String, Object> params) {
    Map<?, ?> argument = object(params.get("argument"));
    String prefix = argument.get("value") == null ? "" : String.valueOf(argument.get("value"));
    List<String> pool = "id".equals(argument.get("name")) ? List.of("123", "456", "789") : CITIES;
    List<String> values = new ArrayList<>(pool.stream().filter(value -> value.startsWith(prefix)).toList());
    return Map.of("completion", Map.of("values", values, "total", values.size(), "hasMore", false));
  }

  private static Map<?, ?> object(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }

  private static String argument(Map<?, ?> args, String name) {
    Object value = args.get(name);
    if (!(value instanceof String text)) {
      throw DomainException.validation(List.of(new FieldError("arguments." + name, "is required")));
    }
    return text;
  }

  private static Map<String, Object> prompt(String name, String description, List<String> arguments) {
    return Map.of("name", name, "description", description, "arguments", arguments.stream()
      .map(argument -> Map.of("name", argument, "description", "The " + argument, "required", true)).toList());
  }

  private static Map<String, Object> listed(String uri, String name, String mimeType) {
    return Map.of("uri", uri, "name", name, "description", name + " (a conformance fixture)", "mimeType", mimeType);
  }

  @SafeVarargs
  private static Map<String, Object> messages(Map<String, Object>... contents) {
    return Map.of("messages", List.of(contents).stream().map(content -> Map.of("role", "user", "content", content))
      .toList());
  }

  private static Future<Void> answer(EventBus bus, String address,
                                     Function<Map<String, Object>, Map<String, Object>> handler) {
    return RequestConsumers.<McpPayload>serve(bus, address, message -> {
      RequestConsumers.caller(message);
      return Future.succeededFuture(new McpPayload(handler.apply(message.body().json())));
    }).completion();
  }
}
