package io.agentmesh.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON form of message records, as clients see it over HTTP: {@code snake_case} names, RFC 3339 times. The
 * gateway maps request bodies to records and replies back with it; {@link MessageSchemas} validate this form.
 */
public final class MessageJson {

  private static final ObjectMapper JSON = new ObjectMapper()
    .registerModule(new JavaTimeModule())
    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
  };

  private MessageJson() {
  }

  /** Maps and lists straight from the record's fields (no text in between, half the cost of writing and reading). */
  public static JsonObject toJson(Record message) {
    try {
      return new JsonObject(JSON.<Map<String, Object>>convertValue(message, MAP));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot write " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The JSON form as bytes, written in one pass (for HTTP responses). */
  public static byte[] toBytes(Record message) {
    try {
      return JSON.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The JSON form without absent (null) fields, as a client would have sent it: what schemas validate. */
  public static JsonObject toJsonWithoutNulls(Record message) {
    JsonObject json = toJson(message);
    json.getMap().values().removeIf(Objects::isNull);
    return json;
  }

  /** Reads a record; a value of the wrong type is a 422 naming the field. */
  public static <T extends Record> T fromJson(JsonObject json, Class<T> type) {
    return fromBytes(json.toBuffer().getBytes(), type);
  }

  /** Reads a record from its JSON form as bytes (as {@link #toBytes} wrote it), in one pass. */
  public static <T extends Record> T fromBytes(byte[] json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (MismatchedInputException e) {
      String field = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
        : String.valueOf(ref.getIndex())).reduce((a, b) -> a + "." + b).orElse("");
      throw DomainException.validation(List.of(new FieldError(field, "has the wrong type")));
    } catch (IOException e) {
      throw new DomainException(ErrorCode.BAD_REQUEST, "The body does not match the expected message.");
    }
  }
}
