package io.agentmesh.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A Vert.x JSON value as a Jackson tree, built directly from its maps and lists (no text in between): the form the
 * schema validator reads. Values that are not JSON types (they never reach a schema) become their text.
 */
final class JsonTree {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTree() {
  }

  static JsonNode of(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof JsonObject object) {
      return object(object.getMap());
    }
    if (value instanceof Map<?, ?> map) {
      return object(map);
    }
    if (value instanceof JsonArray array) {
      return array(array.getList());
    }
    if (value instanceof List<?> list) {
      return array(list);
    }
    return scalar(value);
  }

  private static ObjectNode object(Map<?, ?> map) {
    ObjectNode node = NODES.objectNode();
    map.forEach((key, value) -> node.set(String.valueOf(key), of(value)));
    return node;
  }

  private static ArrayNode array(List<?> list) {
    ArrayNode node = NODES.arrayNode(list.size());
    list.forEach(value -> node.add(of(value)));
    return node;
  }

  private static JsonNode scalar(Object value) {
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Boolean flag) {
      return NODES.booleanNode(flag);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      return NODES.numberNode(big);
    }
    if (value instanceof BigDecimal decimal) {
      return NODES.numberNode(decimal);
    }
    if (value instanceof Number number) {
      return NODES.numberNode(number.doubleValue());
    }
    return NODES.textNode(value.toString());
  }
}
