package io.agentmesh.contract;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Message schemas")
class MessageSchemasTest {

  record Greeting(String recipientName, Integer times) {
  }

  @Test
  @DisplayName("accept a valid message in its snake_case JSON form")
  void valid() {
    assertThat(MessageSchemas.check("test.greeting", MessageJson.toJson(new Greeting("ann", 2)))).isEmpty();
    MessageSchemas.require("test.greeting", new Greeting("ann", 2));
  }

  @Test
  @DisplayName("list every offending field with a reason")
  void everyFieldListed() {
    assertThatThrownBy(() -> MessageSchemas.require("test.greeting", new Greeting("", 9)))
      .isInstanceOfSatisfying(DomainException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e.errors()).extracting(FieldError::field).contains("recipient_name", "times");
        assertThat(e.errors()).allSatisfy(error -> assertThat(error.reason()).isNotBlank());
      });
  }

  @Test
  @DisplayName("reject unknown fields when the schema closes the object")
  void unknownField() {
    JsonObject json = new JsonObject().put("recipient_name", "ann").put("times", 1).put("admin", true);
    assertThat(MessageSchemas.check("test.greeting", json)).isNotEmpty();
  }

  @Test
  @DisplayName("map JSON to a record and name a field of the wrong type")
  void wrongType() {
    assertThat(MessageJson.fromJson(new JsonObject().put("recipient_name", "bo").put("times", 1), Greeting.class))
      .isEqualTo(new Greeting("bo", 1));
    assertThatThrownBy(() -> MessageJson.fromJson(new JsonObject().put("times", "many"), Greeting.class))
      .isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.errors()).containsExactly(new FieldError("times", "has the wrong type")));
  }
}
