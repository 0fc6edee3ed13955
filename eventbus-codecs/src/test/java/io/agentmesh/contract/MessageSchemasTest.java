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
  @DisplayName("tell valid from invalid messages in the keywords the contract uses (oneOf, if/then, enum, bounds)")
  void hotMessageSchemas() {
    String append = "memory.message.append";
    for (String valid : new String[] {
      "{\"role\":\"assistant\",\"content\":\"42\",\"append_key\":\"task:t:1:0\"}",
      "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"pinned\":null}",
      "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_call\",\"id\":\"c1\",\"name\":\"f\","
        + "\"arguments\":{\"x\":1}}]}",
      "{\"role\":\"tool\",\"content\":[{\"type\":\"tool_result\",\"tool_call_id\":\"c1\",\"content\":[]}]}"}) {
      assertThat(MessageSchemas.check(append, new JsonObject(valid))).as(valid).isEmpty();
    }
    for (String invalid : new String[] {
      "{\"role\":\"robot\",\"content\":\"42\"}",
      "{\"role\":\"user\",\"content\":[]}",
      "{\"role\":\"user\",\"content\":7}",
      "{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}",
      "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_call\",\"name\":\"f\"}]}",
      "{\"role\":\"tool\",\"content\":[{\"type\":\"tool_result\"}]}",
      "{\"role\":\"user\",\"content\":\"hi\",\"append_key\":\"\"}",
      "{\"role\":\"user\",\"content\":\"hi\",\"admin\":true}",
      "{\"content\":\"hi\"}"}) {
      assertThat(MessageSchemas.check(append, new JsonObject(invalid))).as(invalid).isNotEmpty();
    }
    JsonObject context = new JsonObject().put("agent_id", "a").put("session_id", "s");
    assertThat(MessageSchemas.check("memory.context", context.copy().put("token_budget", 4000))).isEmpty();
    assertThat(MessageSchemas.check("memory.context", context.copy().put("token_budget", 0)))
      .extracting(FieldError::field).containsExactly("token_budget");
    assertThat(MessageSchemas.check("memory.context", context.copy().put("token_budget", 1.5))).isNotEmpty();
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
