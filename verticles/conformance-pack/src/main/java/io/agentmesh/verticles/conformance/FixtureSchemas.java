package io.agentmesh.verticles.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON schemas of the fixtures: elicitation forms as the 2025-11-25 spec shapes them, and a 2020-12 input. */
final class FixtureSchemas {

  static final Map<String, Object> USER_DETAILS = Map.of("type", "object",
    "properties", Map.of(
      "username", Map.of("type", "string", "description", "User's response"),
      "email", Map.of("type", "string", "description", "User's email address")),
    "required", List.of("username", "email"));

  /** SEP-1034: a default for every primitive type. */
  static final Map<String, Object> DEFAULTS = Map.of("type", "object", "properties", ordered(
    "name", Map.of("type", "string", "default", "John Doe"),
    "age", Map.of("type", "integer", "default", 30),
    "score", Map.of("type", "number", "default", 95.5),
    "status", Map.of("type", "string", "enum", List.of("active", "inactive", "pending"), "default", "active"),
    "verified", Map.of("type", "boolean", "default", true)));

  /** SEP-1330: untitled and titled single choice, the legacy enumNames, untitled and titled multiple choice. */
  static final Map<String, Object> ENUMS = Map.of("type", "object", "properties", ordered(
    "untitledSingle", Map.of("type", "string", "enum", List.of("option1", "option2", "option3")),
    "titledSingle", Map.of("type", "string", "oneOf", List.of(
      Map.of("const", "value1", "title", "First Option"),
      Map.of("const", "value2", "title", "Second Option"),
      Map.of("const", "value3", "title", "Third Option"))),
    "legacyEnum", Map.of("type", "string", "enum", List.of("opt1", "opt2", "opt3"),
      "enumNames", List.of("Option One", "Option Two", "Option Three")),
    "untitledMulti", Map.of("type", "array", "items", Map.of("type", "string",
      "enum", List.of("option1", "option2", "option3"))),
    "titledMulti", Map.of("type", "array", "items", Map.of("anyOf", List.of(
      Map.of("const", "value1", "title", "First Choice"),
      Map.of("const", "value2", "title", "Second Choice"),
      Map.of("const", "value3", "title", "Third Choice"))))));

  /** SEP-1613: {@code $schema}, {@code $defs} with a {@code $ref}, and {@code additionalProperties}. */
  static final Map<String, Object> JSON_SCHEMA_2020_12 = Map.of(
    "$schema", "https://json-schema.org/draft/2020-12/schema",
    "type", "object",
    "$defs", Map.of("address", Map.of("type", "object", "properties", Map.of(
      "street", Map.of("type", "string"), "city", Map.of("type", "string")))),
    "properties", Map.of("name", Map.of("type", "string"), "address", Map.of("$ref", "#/$defs/address")),
    "additionalProperties", false);

  private FixtureSchemas() {
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
