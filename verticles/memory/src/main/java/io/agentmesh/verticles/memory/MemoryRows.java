package io.agentmesh.verticles.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentmesh.contract.memory.Message;
import io.agentmesh.contract.memory.Session;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows of {@code sessions} and {@code messages} as records. Content is stored wrapped as {@code {"v": content}}. */
final class MemoryRows {

  static final String SESSION_COLUMNS = "id, agent_id, user_id, title, metadata, encoding, message_count, "
    + "token_count, created_at, updated_at";
  static final String MESSAGE_COLUMNS = "id, session_id, sequence, role, content, token_count, pinned, created_at";

  private static final ObjectMapper JSON = new ObjectMapper();

  private MemoryRows() {
  }

  static Session session(Row row) {
    Map<String, String> metadata = new HashMap<>();
    ((JsonObject) row.getValue("metadata")).forEach(e -> metadata.put(e.getKey(), String.valueOf(e.getValue())));
    return new Session(row.getString("id"), row.getString("agent_id"), row.getString("user_id"),
      row.getString("title"), metadata, row.getLong("message_count"), row.getLong("token_count"),
      row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
  }

  static Message message(Row row) {
    return new Message(row.getString("id"), row.getString("session_id"), row.getLong("sequence"),
      row.getString("role"), content((JsonObject) row.getValue("content")), row.getInteger("token_count"),
      row.getBoolean("pinned"), row.getOffsetDateTime("created_at").toInstant());
  }

  static JsonObject wrap(Object content) {
    try {
      return new JsonObject().put("v", Json.decodeValue(JSON.writeValueAsString(content)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Plain Java values (String, List of Maps) for the records, taken from the already decoded JSON. */
  private static Object content(JsonObject wrapped) {
    Object value = wrapped.getValue("v");
    return value instanceof JsonArray array ? plain(array.getList()) : value;
  }

  private static Object plain(Object value) {
    if (value instanceof JsonObject object) {
      return plain(object.getMap());
    }
    if (value instanceof JsonArray array) {
      return plain(array.getList());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(MemoryRows::plain).toList();
    }
    return value;
  }
}
