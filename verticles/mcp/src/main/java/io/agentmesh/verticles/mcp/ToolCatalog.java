package io.agentmesh.verticles.mcp;

import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.MessageSchemas;
import io.agentmesh.contract.tools.ToolDefinition;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * This node's view of the registry: every tool with its compiled argument and output validators, replaced as a
 * whole whenever the registry changes (loaded from PostgreSQL, so every node converges on the same set).
 */
final class ToolCatalog {

  /** A tool with its validators. */
  record Entry(ToolDefinition definition, Validator input, Validator output) {
  }

  private volatile Map<String, Entry> tools = Map.of();

  void replace(List<ToolDefinition> definitions) {
    Map<String, Entry> next = new TreeMap<>();
    for (ToolDefinition tool : definitions) {
      next.put(tool.name(), new Entry(tool, validator(tool.inputSchema()),
        tool.outputSchema() == null ? null : validator(tool.outputSchema())));
    }
    tools = next;
  }

  Optional<Entry> get(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  List<ToolDefinition> all() {
    return tools.values().stream().map(Entry::definition).toList();
  }

  static List<FieldError> problems(Validator validator, Object value) {
    OutputUnit result = validator.validate(value);
    if (Boolean.TRUE.equals(result.getValid())) {
      return List.of();
    }
    List<FieldError> errors = MessageSchemas.fieldErrors(result);
    return errors.isEmpty() ? List.of(new FieldError("", "does not match the tool's schema")) : errors;
  }

  private static Validator validator(Map<String, Object> schema) {
    return Validator.create(JsonSchema.of(new JsonObject(Json.encode(schema))), new JsonSchemaOptions()
      .setDraft(Draft.DRAFT202012).setBaseUri("https://schemas.agentmesh.io/tools/")
      .setOutputFormat(OutputFormat.Basic));
  }
}
