package io.agentmesh.verticles.memory;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.memory.Compaction;
import io.agentmesh.contract.memory.Message;
import io.agentmesh.contract.memory.MessageDraft;
import io.agentmesh.contract.tasks.CompletionRequest;
import io.agentmesh.contract.tasks.CompletionResult;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compaction: a session's older messages (all but the newest {@code memory.compact_keep_recent}) are summarized by
 * the session's agent's own model (the tasks domain owns the providers; asked as the caller) into one pinned system
 * message; they stay in the transcript and leave the context. The summary is appended first, under an append key
 * naming the last message it covers, then the covered messages are marked: a crash in between repeats nothing. The
 * context builder starts one in the background when a session's live messages pass {@code memory.compact_at_share}
 * of the token budget it was asked for.
 */
final class Compactor {

  private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);
  private static final long MODEL_TIMEOUT_MS = 120_000;
  private static final int MAX_TRANSCRIPT = 200_000;
  private static final String INSTRUCTIONS = "Summarize the conversation below for the assistant who continues it: "
    + "keep facts, decisions, names, numbers, open questions and what the user wants; drop pleasantries. Write "
    + "plain prose, at most 300 words.";

  private final SessionService sessions;
  private final MessageStore messages;
  private final MessageService appender;
  private final EventBus bus;
  private final int keepRecent;
  private final Set<String> running = new HashSet<>();

  Compactor(SessionService sessions, MessageStore messages, MessageService appender, EventBus bus, int keepRecent) {
    this.sessions = sessions;
    this.messages = messages;
    this.appender = appender;
    this.bus = bus;
    this.keepRecent = keepRecent;
  }

  Future<Compaction> compact(io.vertx.core.eventbus.Message<ResourceId> request) {
    return compact(RequestConsumers.caller(request, Scopes.MEMORY_WRITE), request.body().id());
  }

  /** Starts a compaction unless one of this session runs here already; its failure is only logged. */
  void inBackground(Principal caller, String sessionId) {
    if (running.add(sessionId)) {
      compact(caller, sessionId)
        .onFailure(failure -> LOG.info("Compaction of session {} did not happen: {}", sessionId, failure.getMessage()))
        .onComplete(done -> running.remove(sessionId));
    }
  }

  Future<Compaction> compact(Principal caller, String sessionId) {
    return sessions.owned(caller, sessionId).compose(stored -> messages.compactable(sessionId, keepRecent)
      .compose(old -> {
        if (old.size() < 2) {
          return Future.succeededFuture(new Compaction(sessionId, 0, 0, null));
        }
        CompletionRequest ask = new CompletionRequest(stored.session().agentId(), INSTRUCTIONS,
          List.of(Map.of("role", "user", "content", transcript(old))), 1024);
        return bus.<CompletionResult>request(TasksAddresses.COMPLETE, ask, BusHeaders.deliveryOptions(caller,
            "compaction", MODEL_TIMEOUT_MS))
          .recover(failure -> Future.failedFuture(failure instanceof ReplyException reply
            && reply.failureType() != ReplyFailure.RECIPIENT_FAILURE
            ? DomainException.retryLater(ErrorCode.UNAVAILABLE, "Compaction needs the tasks domain, which owns the "
              + "model providers, and none answered.", 30) : failure))
          .compose(reply -> appender.append(caller, new MessageDraft(sessionId, "system",
            "Summary of the earlier conversation (" + old.size() + " messages): " + reply.body().text(), true,
            "compact:" + old.get(old.size() - 1).sequence())))
          .compose(summary -> messages.markCompacted(old.stream().map(Message::id).toList())
            .map(marked -> new Compaction(sessionId, marked, old.stream().mapToInt(Message::tokenCount).sum(),
              summary)));
      }));
  }

  private static String transcript(List<Message> old) {
    StringBuilder text = new StringBuilder();
    for (Message message : old) {
      text.append(message.role()).append(": ").append(TokenCounter.textOf(message.content())).append('\n');
      if (text.length() > MAX_TRANSCRIPT) {
        text.setLength(MAX_TRANSCRIPT);
        break;
      }
    }
    return text.toString();
  }
}
