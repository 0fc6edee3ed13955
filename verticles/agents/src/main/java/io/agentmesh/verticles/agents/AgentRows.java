package io.agentmesh.verticles.agents;

import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.ModelSpec;
import io.agentmesh.storage.RowValues;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Rows of {@code agents} as records. */
final class AgentRows {

  /** The form of a collection id of the rag domain (a prefixed ULID). */
  static final Pattern COLLECTION_ID = Pattern.compile("^col_[0-9A-HJKMNP-TV-Z]{26}$");

  static final String COLUMNS = "id, owner_id, name, description, instructions, model, tools, knowledge, concurrency, "
    + "metadata, status, status_reason, status_changed_at, version, created_at, updated_at";

  private AgentRows() {
  }

  static Agent agent(Row row) {
    JsonObject model = (JsonObject) row.getValue("model");
    JsonObject parameters = model.getJsonObject("parameters", new JsonObject());
    JsonObject metadata = (JsonObject) row.getValue("metadata");
    Map<String, String> meta = new HashMap<>();
    metadata.forEach(entry -> meta.put(entry.getKey(), String.valueOf(entry.getValue())));
    return new Agent(row.getString("id"), row.getString("owner_id"), row.getString("name"),
      row.getString("description"), row.getString("instructions"),
      new ModelSpec(model.getString("provider"), model.getString("name"), parameters.getMap()),
      Arrays.asList(row.getArrayOfStrings("tools")), Arrays.asList(row.getArrayOfStrings("knowledge")),
      row.getString("concurrency"), meta, row.getString("status"), row.getString("status_reason"),
      RowValues.instant(row, "status_changed_at"), row.getLong("version"),
      RowValues.instant(row, "created_at"), RowValues.instant(row, "updated_at"));
  }

  static JsonObject model(ModelSpec model) {
    return new JsonObject().put("provider", model.provider()).put("name", model.name())
      .put("parameters", new JsonObject(new HashMap<>(model.parameters())));
  }

}
