package io.agentmesh.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON Schemas (2020-12) of request messages, kept with the contract in {@code schemas/<name>.json}. The domain that
 * owns the data validates every request it receives, whoever sent it; the gateway may reject early with the same
 * schema. A schema is read once, when first used, and kept.
 *
 * <p>Two engines read each schema: networknt's compiled validator answers yes or no (about a tenth of the cost of
 * Vert.x's, which took a tenth of a busy node's CPU on the bus's hot messages), and Vert.x's lists the offending
 * fields of a message found invalid, in the words the API has always used; when they disagree, the listing decides.
 */
public final class MessageSchemas {

  /** Per schema: a yes/no validator that stops at the first error, and one that lists every offending field. */
  private static final class Validators {
    private final Schema flag;
    private final Validator basic;

    Validators(Schema flag, Validator basic) {
      this.flag = flag;
      this.basic = basic;
    }
  }

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
    builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
      .failFast(true).build()));

  private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");

  private static final Map<String, Validators> VALIDATORS = new ConcurrentHashMap<>();

  private MessageSchemas() {
  }

  /** The fields of {@code json} that break schema {@code name}, with why; empty when it is valid. */
  public static List<FieldError> check(String name, JsonObject json) {
    Validators validators = VALIDATORS.computeIfAbsent(name, MessageSchemas::load);
    List<FieldError> text = AcceptedText.problems(json);
    if (!text.isEmpty()) {
      return text; // before the validators, which fail on what no schema can describe (an infinite number)
    }
    // Nearly every message is valid: the flag answer is cheaper; the detailed pass runs only to explain a failure.
    if (validators.flag.validate(DatabindCodec.mapper().<JsonNode>valueToTree(json)).isEmpty()) {
      return List.of();
    }
    return fieldErrors(validators.basic.validate(json));
  }

  /** The offending fields of a validation result, with their specific reasons (none when it is valid). */
  public static List<FieldError> fieldErrors(OutputUnit result) {
    List<FieldError> errors = new ArrayList<>();
    if (Boolean.TRUE.equals(result.getValid())) {
      return errors;
    }
    for (OutputUnit unit : result.getErrors() == null ? List.<OutputUnit>of() : result.getErrors()) {
      FieldError error = new FieldError(field(unit.getInstanceLocation(), unit.getError()), unit.getError());
      if (!errors.contains(error)) {
        errors.add(error);
      }
    }
    // the validator also reports each enclosing keyword ("... does not match schema"): keep the specific reasons
    List<FieldError> specific = errors.stream().filter(e -> !isGeneric(e.reason())).toList();
    return specific.isEmpty() ? errors : specific;
  }

  /** Validates a received message in its JSON form; fails with a 422 listing every offending field. */
  public static void require(String name, Record message) {
    List<FieldError> errors = check(name, MessageJson.toJsonWithoutNulls(message));
    if (!errors.isEmpty()) {
      throw DomainException.validation(errors);
    }
  }

  private static boolean isGeneric(String reason) {
    return reason != null && (reason.contains("match schema") || reason.contains("match additional properties schema"));
  }

  /**
   * {@code #/model/temperature} or {@code /model/temperature} becomes {@code model.temperature}; a missing required
   * property is reported at its parent, so its name comes from the reason.
   */
  private static String field(String instanceLocation, String reason) {
    String path = (instanceLocation == null ? "" : instanceLocation.replaceFirst("^#?/?", "")).replace('/', '.');
    Matcher missing = REQUIRED.matcher(reason == null ? "" : reason);
    if (missing.find()) {
      return path.isEmpty() ? missing.group(1) : path + "." + missing.group(1);
    }
    return path;
  }

  private static Validators load(String name) {
    try (InputStream in = MessageSchemas.class.getClassLoader().getResourceAsStream("schemas/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("No message schema " + name + " (schemas/" + name + ".json)");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Validators(REGISTRY.getSchema(text, InputFormat.JSON),
        validator(JsonSchema.of(new JsonObject(text)), OutputFormat.Basic));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Validator validator(JsonSchema schema, OutputFormat format) {
    return Validator.create(schema, new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
      .setBaseUri("https://schemas.agentmesh.io/").setOutputFormat(format));
  }
}
