package io.agentmesh.contract;

import io.vertx.core.json.JsonObject;
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

/**
 * JSON Schemas (2020-12) of request messages, kept with the contract in {@code schemas/<name>.json}. The domain that
 * owns the data validates every request it receives, whoever sent it; the gateway may reject early with the same
 * schema. A schema is read once, when first used, and kept.
 */
public final class MessageSchemas {

  /** Per schema: a yes/no validator that stops at the first error, and one that lists every offending field. */
  private static final class Validators {
    private final Validator flag;
    private final Validator basic;

    Validators(Validator flag, Validator basic) {
      this.flag = flag;
      this.basic = basic;
    }
  }

  private static final Map<String, Validators> VALIDATORS = new ConcurrentHashMap<>();

  private MessageSchemas() {
  }

  /** The fields of {@code json} that break schema {@code name}, with why; empty when it is valid. */
  public static List<FieldError> check(String name, JsonObject json) {
    Validators validators = VALIDATORS.computeIfAbsent(name, MessageSchemas::load);
    // Nearly every message is valid: the flag answer is cheaper; the detailed pass runs only to explain a failure.
    if (Boolean.TRUE.equals(validators.flag.validate(json).getValid())) {
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
      FieldError error = new FieldError(field(unit.getInstanceLocation()), unit.getError());
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

  /** {@code #/model/temperature} or {@code /model/temperature} becomes {@code model.temperature}. */
  private static String field(String instanceLocation) {
    String path = instanceLocation == null ? "" : instanceLocation.replaceFirst("^#?/?", "");
    return path.replace('/', '.');
  }

  private static Validators load(String name) {
    try (InputStream in = MessageSchemas.class.getClassLoader().getResourceAsStream("schemas/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("No message schema " + name + " (schemas/" + name + ".json)");
      }
      JsonSchema schema = JsonSchema.of(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      return new Validators(validator(schema, OutputFormat.Flag), validator(schema, OutputFormat.Basic));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Validator validator(JsonSchema schema, OutputFormat format) {
    return Validator.create(schema, new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
      .setBaseUri("https://schemas.agentmesh.io/").setOutputFormat(format));
  }
}
