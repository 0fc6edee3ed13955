package io.agentmesh.verticles.memory;

import io.agentmesh.contract.memory.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The context builder")
class ContextBuilderTest {

  private static TokenCounter tokens;

  @BeforeAll
  static void tokenizer() {
    tokens = new TokenCounter("cl100k_base", "gpt-4o");
  }

  @Test
  @DisplayName("counts tokens with the model family's real encoding")
  void realTokenizer() {
    assertThat(tokens.text("cl100k_base", "hello world")).isEqualTo(2);
    assertThat(tokens.message("cl100k_base", "hello world")).isEqualTo(2 + TokenCounter.MESSAGE_OVERHEAD);
    assertThat(tokens.encodingFor("gpt-4o-mini")).isEqualTo("o200k_base");
    assertThat(tokens.encodingFor("claude-3")).isEqualTo("cl100k_base");
  }

  @Test
  @DisplayName("keeps the most recent messages that fit, exactly within the budget by the tokenizer")
  void budgetExact() {
    List<Message> conversation = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      conversation.add(text(i, i % 2 == 0 ? "assistant" : "user", "message number " + i + " about the weather"));
    }
    int budget = 120;
    ContextBuilder.Selection selection = ContextBuilder.select(budget, 10, List.of(), newestFirst(conversation));
    int kept = selection.messages().stream().mapToInt(Message::tokenCount).sum();
    assertThat(selection.tokens()).isEqualTo(10 + kept).isLessThanOrEqualTo(budget);
    Message oldestKept = selection.messages().get(0);
    Message nextOlder = conversation.get((int) oldestKept.sequence() - 2);
    assertThat(selection.tokens() + nextOlder.tokenCount()).as("one more would not fit").isGreaterThan(budget);
    assertThat(selection.messages().get(selection.messages().size() - 1).sequence()).isEqualTo(50);
    assertThat(selection.messages()).extracting(Message::sequence).isSorted();
  }

  @Test
  @DisplayName("never keeps a tool result without its call: a block that does not fit goes whole")
  void toolBlocksStayTogether() {
    List<Message> conversation = new ArrayList<>();
    conversation.add(text(1, "user", "What is the weather in Paris and in Rome?"));
    conversation.add(call(2, "c1", "c2"));
    conversation.add(result(3, "c1", "Paris: 18 degrees and sunny with a light breeze from the west all afternoon"));
    conversation.add(result(4, "c2", "Rome: 24 degrees and clear"));
    conversation.add(text(5, "assistant", "Paris is mild, Rome is warm."));
    int blockTokens = conversation.subList(1, 4).stream().mapToInt(Message::tokenCount).sum();
    int last = conversation.get(4).tokenCount();

    ContextBuilder.Selection tight = ContextBuilder.select(last + blockTokens - 1, 0, List.of(),
      newestFirst(conversation));
    assertThat(tight.messages()).extracting(Message::sequence).containsExactly(5L);

    ContextBuilder.Selection roomy = ContextBuilder.select(last + blockTokens, 0, List.of(), newestFirst(conversation));
    assertThat(roomy.messages()).extracting(Message::sequence).containsExactly(2L, 3L, 4L, 5L);
  }

  @Test
  @DisplayName("always keeps pinned messages, however old, and refuses a budget they do not fit")
  void pinnedKept() {
    Message pinned = new Message("m1", "s", 1, "user", "Always answer in French.", 9, true, null);
    List<Message> recent = List.of(text(3, "user", "And tomorrow?"), text(2, "assistant", "Il fait beau."));
    ContextBuilder.Selection selection = ContextBuilder.select(9 + recent.get(0).tokenCount(), 0, List.of(pinned),
      recent);
    assertThat(selection.messages()).extracting(Message::sequence).containsExactly(1L, 3L);
    assertThat(ContextBuilder.select(8, 0, List.of(pinned), recent)).isNull();
  }

  private static Message text(long sequence, String role, String text) {
    return new Message("m" + sequence, "s", sequence, role, text, tokens.message("cl100k_base", text), false, null);
  }

  private static Message call(long sequence, String... ids) {
    List<Map<String, Object>> parts = new ArrayList<>();
    for (String id : ids) {
      parts.add(Map.of("type", "tool_call", "id", id, "name", "weather", "arguments", "{\"city\":\"" + id + "\"}"));
    }
    return new Message("m" + sequence, "s", sequence, "assistant", parts,
      tokens.message("cl100k_base", TokenCounter.textOf(parts)), false, null);
  }

  private static Message result(long sequence, String callId, String text) {
    List<Map<String, Object>> parts = List.of(Map.of("type", "tool_result", "tool_call_id", callId, "content", text));
    return new Message("m" + sequence, "s", sequence, "tool", parts,
      tokens.message("cl100k_base", TokenCounter.textOf(parts)), false, null);
  }

  private static List<Message> newestFirst(List<Message> conversation) {
    List<Message> reversed = new ArrayList<>(conversation);
    Collections.reverse(reversed);
    return reversed;
  }
}
