package io.agentmesh.verticles.memory;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.MessageSchemas;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.mcp.McpSessionAddresses;
import io.agentmesh.contract.memory.AppendedMessages;
import io.agentmesh.contract.memory.ContextRequest;
import io.agentmesh.contract.memory.ContextWindow;
import io.agentmesh.contract.memory.Message;
import io.agentmesh.contract.memory.MessageBatch;
import io.agentmesh.contract.memory.MessageDraft;
import io.agentmesh.contract.memory.MessagePage;
import io.agentmesh.contract.memory.MessageQuery;
import io.agentmesh.contract.memory.Session;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/** Messages of a session: append (token counts computed here, once), list, search, and the context window. */
final class MessageService {

  private static final int MIN_BATCH = 64;
  private static final int MAX_BATCH = 1000;
  private static final int MAX_APPEND_BATCH = 500;

  private final SessionService sessions;
  private final MessageStore messages;
  private final AgentLookup agents;
  private final TokenCounter tokens;
  private final EventBus bus;

  /** Told (caller, session) when a context build finds the session's live messages past the compaction share. */
  private BiConsumer<Principal, String> onPressure = (caller, id) -> { };
  private double compactAtShare;

  MessageService(SessionService sessions, MessageStore messages, AgentLookup agents, TokenCounter tokens,
                 EventBus bus) {
    this.sessions = sessions;
    this.messages = messages;
    this.agents = agents;
    this.tokens = tokens;
    this.bus = bus;
  }

  /** Compaction in the background when a build's live messages pass {@code share} of its budget (0: never). */
  void onContextPressure(double share, BiConsumer<Principal, String> action) {
    this.compactAtShare = share;
    this.onPressure = action;
  }

  Future<Message> append(io.vertx.core.eventbus.Message<MessageDraft> request) {
    return append(RequestConsumers.caller(request, Scopes.MEMORY_WRITE), request.body());
  }

  Future<Message> append(Principal caller, MessageDraft draft) {
    MessageSchemas.require("memory.message.append", draft);
    return sessions.owned(caller, draft.sessionId())
      .compose(stored -> messages.append(toAppend(draft.sessionId(), draft, stored.encoding())))
      .onSuccess(appended -> bus.send(McpSessionAddresses.TRANSCRIPT_CHANGED, draft.sessionId()));
  }

  /** A draft as the store writes it, with its text and token count computed here, once. */
  private MessageStore.Append toAppend(String sessionId, MessageDraft draft, String encoding) {
    String text = TokenCounter.textOf(draft.content());
    return new MessageStore.Append(sessionId, draft.role(), draft.content(), Boolean.TRUE.equals(draft.pinned()),
      draft.appendKey(), text, tokens.message(encoding, text));
  }

  /** Several messages of one session, in order, in one write: one ownership check, one statement, one commit. */
  Future<AppendedMessages> appendBatch(io.vertx.core.eventbus.Message<MessageBatch> request) {
    MessageBatch batch = request.body();
    List<FieldError> problems = problems(batch);
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
    return sessions.owned(RequestConsumers.caller(request, Scopes.MEMORY_WRITE, Scopes.TASKS_RUN), batch.sessionId())
      .compose(stored -> messages.appendAll(batch.sessionId(), batch.messages().stream()
        .map(draft -> toAppend(batch.sessionId(), draft, stored.encoding())).toList()))
      .map(appended -> new AppendedMessages(appended, batch.messages().size() - appended.size()))
      .onSuccess(done -> {
        if (!done.appended().isEmpty()) {
          bus.send(McpSessionAddresses.TRANSCRIPT_CHANGED, batch.sessionId());
        }
      });
  }

  /** Every offending field of a batch, each draft checked as a single append is, named {@code messages.<i>.<field>}. */
  private static List<FieldError> problems(MessageBatch batch) {
    List<FieldError> problems = new ArrayList<>();
    if (batch.sessionId() == null || batch.sessionId().isBlank()) {
      problems.add(new FieldError("session_id", "is required"));
    }
    if (batch.messages().isEmpty() || batch.messages().size() > MAX_APPEND_BATCH) {
      problems.add(new FieldError("messages", "1 to " + MAX_APPEND_BATCH + " messages"));
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < batch.messages().size(); i++) {
      MessageDraft draft = batch.messages().get(i);
      if (draft.appendKey() != null && !keys.add(draft.appendKey())) {
        problems.add(new FieldError("messages." + i + ".append_key", "repeats an earlier message's key"));
      }
      if (draft.sessionId() != null && !draft.sessionId().equals(batch.sessionId())) {
        problems.add(new FieldError("messages." + i + ".session_id", "must be absent or the batch's session"));
      }
      for (FieldError error : MessageSchemas.check("memory.message.append", MessageJson.toJsonWithoutNulls(draft))) {
        problems.add(new FieldError("messages." + i + "." + error.field(), error.reason()));
      }
    }
    return problems;
  }

  Future<MessagePage> list(io.vertx.core.eventbus.Message<MessageQuery> request) {
    return list(RequestConsumers.caller(request, Scopes.MEMORY_READ), request.body());
  }

  Future<MessagePage> list(Principal caller, MessageQuery query) {
    ListQuery page = new ListQuery(query.limit(), query.order(), query.after(), query.before());
    List<FieldError> problems = new ArrayList<>(page.problems());
    if (query.q() != null && (query.q().isBlank() || query.q().length() > 200)) {
      problems.add(new FieldError("q", "must be 1 to 200 characters"));
    }
    if (!problems.isEmpty()) {
      throw DomainException.validation(problems);
    }
    return sessions.owned(caller, query.sessionId())
      .compose(stored -> messages.page(stored.session().id(), query.q(), page));
  }

  /** The agent's instructions, pinned messages, then the most recent messages that fit the budget. */
  Future<ContextWindow> context(io.vertx.core.eventbus.Message<ContextRequest> request) {
    ContextRequest ask = request.body();
    MessageSchemas.require("memory.context", ask);
    // The session (and the caller's right to it), the agent (its instructions, and the caller's right to it) and
    // the pinned messages are independent reads: all three at once, then judged in that order.
    Future<SessionStore.Stored> session = sessions.owned(RequestConsumers.caller(request, Scopes.MEMORY_READ,
      Scopes.TASKS_RUN), ask.sessionId());
    Future<Agent> agent = agents.asCallerOf(request, ask.agentId());
    Future<List<Message>> pinned = messages.pinned(ask.sessionId());
    return Future.join(session, agent, pinned).transform(ignored -> {
      if (session.failed()) {
        return Future.failedFuture(session.cause());
      }
      if (!session.result().session().agentId().equals(ask.agentId())) {
        return Future.failedFuture(DomainException.validation(List.of(new FieldError("agent_id",
          "is not the agent of this session"))));
      }
      if (agent.failed() || pinned.failed()) {
        return Future.failedFuture(agent.failed() ? agent.cause() : pinned.cause());
      }
      return build(session.result(), agent.result().instructions(), pinned.result(), ask.tokenBudget(),
        ask.excludeAppendKeyPrefix());
    }).onSuccess(window -> {
      if (compactAtShare > 0 && window.liveTokensRead() > compactAtShare * ask.tokenBudget()) {
        onPressure.accept(RequestConsumers.caller(request), ask.sessionId());
      }
    }).map(Built::window);
  }

  /** A built window, and how many tokens of live messages it read to build it (the pressure on the budget). */
  private record Built(ContextWindow window, int liveTokensRead) {
  }

  private Future<Built> build(SessionStore.Stored stored, String instructions, List<Message> pinned,
                              int budget, String excludeKeyPrefix) {
    String encoding = stored.encoding();
    Message system = instructions == null || instructions.isBlank() ? null
      : new Message(null, stored.session().id(), 0, "system", instructions, tokens.message(encoding, instructions),
        true, null);
    int fixed = system == null ? 0 : system.tokenCount();
    int pinnedTokens = pinned.stream().mapToInt(Message::tokenCount).sum();
    int room = budget - fixed - pinnedTokens;
    return recentWithin(stored.session().id(), room, batchFor(stored.session(), room), Long.MAX_VALUE,
        new ArrayList<>(), 0, excludeKeyPrefix)
      .map(recent -> {
        ContextBuilder.Selection selection = ContextBuilder.select(budget, fixed, pinned, recent);
        if (selection == null) {
          throw DomainException.validation(List.of(new FieldError("token_budget",
            "is smaller than the instructions and pinned messages (" + (fixed + pinnedTokens) + " tokens)")));
        }
        List<Message> window = new ArrayList<>();
        if (system != null) {
          window.add(system);
        }
        window.addAll(selection.messages());
        long keptTokens = selection.tokens() - fixed;
        int dropped = (int) (stored.session().messageCount() - selection.messages().size());
        int droppedTokens = (int) (stored.session().tokenCount() - keptTokens);
        int live = fixed + pinnedTokens + recent.stream().mapToInt(Message::tokenCount).sum();
        return new Built(new ContextWindow(window, selection.tokens(), Math.max(0, dropped),
          Math.max(0, droppedTokens), encoding), live);
      });
  }

  /** Enough rows to fill {@code room} at the session's average message size, with a margin. */
  private static int batchFor(Session session, int room) {
    double average = session.messageCount() == 0 ? 1 : (double) session.tokenCount() / session.messageCount();
    return (int) Math.max(MIN_BATCH, Math.min(MAX_BATCH, room / Math.max(1, average) * 1.25 + 16));
  }

  /**
   * Reads unpinned messages newest first, a batch at a time, until they exceed what is left of the budget: the
   * oldest message read then does not fit, so a tool block cut at that boundary is never kept half.
   */
  private Future<List<Message>> recentWithin(String sessionId, int room, int batchSize, long before,
                                             List<Message> read, int readTokens, String excludeKeyPrefix) {
    if (readTokens > room || room <= 0) {
      return Future.succeededFuture(read);
    }
    return messages.newestUnpinned(sessionId, before, batchSize, excludeKeyPrefix).compose(batch -> {
      read.addAll(batch);
      if (batch.size() < batchSize) {
        return Future.succeededFuture(read);
      }
      int tokens = readTokens + batch.stream().mapToInt(Message::tokenCount).sum();
      return recentWithin(sessionId, room, batchSize, batch.get(batch.size() - 1).sequence(), read, tokens,
        excludeKeyPrefix);
    });
  }

}
