package io.agentmesh.verticles.memory;

import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.memory.Message;
import io.agentmesh.contract.memory.MessagePage;
import io.agentmesh.storage.RowIds;
import io.agentmesh.storage.UniqueViolation;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@code messages} table. Appends take the session's row lock to draw the next sequence number, so appends to
 * one session are ordered, unique and gap-free whichever nodes make them; appends to different sessions do not wait
 * for each other.
 */
final class MessageStore {

  /** A message to write, with what was computed from it. */
  record Append(String sessionId, String role, Object content, boolean pinned, String appendKey, String text,
                int tokens) {
  }

  private final Pool pool;

  MessageStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * One message, through the same statement as a batch: the message already appended under this key when there is
   * one (a retried append is not doubled), otherwise the new one.
   */
  Future<Message> append(Append append) {
    return appendAll(append.sessionId(), List.of(append)).compose(inserted -> !inserted.isEmpty()
      ? Future.succeededFuture(inserted.get(0))
      : byAppendKey(append.sessionId(), append.appendKey()).map(Optional::orElseThrow));
  }

  /**
   * Several messages of one session in one statement, in order: those whose append key the session already has are
   * skipped; the session's counter is drawn once (its row lock orders this against other appends) for the rest.
   * Answers the messages inserted. A race with another append of one of the keys rolls back whole and runs again,
   * skipping that key this time.
   */
  Future<List<Message>> appendAll(String sessionId, List<Append> appends) {
    return insertAll(sessionId, appends).recover(failure -> UniqueViolation.is(failure)
      ? insertAll(sessionId, appends) : Future.failedFuture(failure));
  }

  private Future<List<Message>> insertAll(String sessionId, List<Append> appends) {
    String columns = MemoryRows.MESSAGE_COLUMNS;
    return pool.preparedQuery("WITH input AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], "
        + "$6::int[], $7::bool[], $8::text[]) WITH ORDINALITY AS m(id, role, content, content_text, tokens, pinned, "
        + "append_key, ord)), "
        + "fresh AS (SELECT m.*, row_number() OVER (ORDER BY m.ord) AS n FROM input m WHERE m.append_key IS NULL "
        + "OR NOT EXISTS (SELECT 1 FROM messages x WHERE x.session_id = $1 AND x.append_key = m.append_key)), "
        + "s AS (UPDATE sessions SET message_count = message_count + (SELECT count(*) FROM fresh), "
        + "token_count = token_count + (SELECT coalesce(sum(tokens), 0) FROM fresh), updated_at = now() "
        + "WHERE id = $1 AND EXISTS (SELECT 1 FROM fresh) RETURNING message_count) "
        + "INSERT INTO messages (id, session_id, sequence, role, content, content_text, token_count, pinned, "
        + "append_key) SELECT f.id, $1, s.message_count - (SELECT count(*) FROM fresh) + f.n, f.role, "
        + "f.content::jsonb, f.content_text, f.tokens, f.pinned, f.append_key FROM fresh f, s RETURNING " + columns)
      .execute(Tuple.tuple().addString(sessionId)
        .addArrayOfString(appends.stream().map(a -> RowIds.next("msg")).toArray(String[]::new))
        .addArrayOfString(appends.stream().map(Append::role).toArray(String[]::new))
        .addArrayOfString(appends.stream().map(a -> MemoryRows.wrap(a.content()).encode()).toArray(String[]::new))
        .addArrayOfString(appends.stream().map(Append::text).toArray(String[]::new))
        .addArrayOfInteger(appends.stream().map(Append::tokens).toArray(Integer[]::new))
        .addArrayOfBoolean(appends.stream().map(Append::pinned).toArray(Boolean[]::new))
        .addArrayOfString(appends.stream().map(Append::appendKey).toArray(String[]::new)))
      .map(rows -> {
        List<Message> inserted = list(rows);
        inserted.sort(Comparator.comparingLong(Message::sequence));
        return inserted;
      });
  }

  private Future<Optional<Message>> byAppendKey(String sessionId, String key) {
    return pool.preparedQuery("SELECT " + MemoryRows.MESSAGE_COLUMNS + " FROM messages WHERE session_id = $1 "
        + "AND append_key = $2").execute(Tuple.of(sessionId, key))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(MemoryRows.message(rows.iterator().next())));
  }

  /** A page in sequence order (oldest first unless {@code order=desc}); {@code after}/{@code before} are ids. */
  Future<MessagePage> page(String sessionId, String search, ListQuery query) {
    boolean ascending = !"desc".equals(query.order());
    boolean backwards = query.before() != null;
    String cursor = backwards ? query.before() : query.after();
    boolean readAscending = ascending != backwards;
    List<Object> params = new ArrayList<>(List.of(sessionId));
    StringBuilder sql = new StringBuilder("SELECT " + MemoryRows.MESSAGE_COLUMNS
      + " FROM messages WHERE session_id = $1");
    if (cursor != null) {
      params.add(cursor);
      sql.append(" AND sequence ").append(readAscending ? ">" : "<")
        .append(" (SELECT sequence FROM messages WHERE id = $").append(params.size()).append(")");
    }
    if (search != null) {
      params.add(search);
      sql.append(" AND tsv @@ plainto_tsquery('simple', $").append(params.size()).append(")");
    }
    int limit = query.limitOrDefault();
    sql.append(" ORDER BY sequence ").append(readAscending ? "ASC" : "DESC").append(" LIMIT ").append(limit + 1);
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
      List<Message> messages = new ArrayList<>();
      rows.forEach(row -> messages.add(MemoryRows.message(row)));
      boolean hasMore = messages.size() > limit;
      if (hasMore) {
        messages.remove(messages.size() - 1);
      }
      if (backwards) {
        Collections.reverse(messages);
      }
      return new MessagePage(messages, messages.isEmpty() ? null : messages.get(0).id(),
        messages.isEmpty() ? null : messages.get(messages.size() - 1).id(), hasMore);
    });
  }

  /**
   * What a compaction takes: the unpinned messages not compacted yet, oldest first, except the newest
   * {@code keepRecent}; a tool result is never kept apart from the call before it (the cut moves earlier).
   */
  Future<List<Message>> compactable(String sessionId, int keepRecent) {
    return pool.preparedQuery("SELECT " + MemoryRows.MESSAGE_COLUMNS + " FROM messages WHERE session_id = $1 "
        + "AND NOT pinned AND compacted_at IS NULL ORDER BY sequence").execute(Tuple.of(sessionId))
      .map(rows -> {
        List<Message> all = list(rows);
        int cut = Math.max(0, all.size() - keepRecent);
        while (cut > 0 && cut < all.size() && "tool".equals(all.get(cut).role())) {
          cut--;
        }
        return new ArrayList<>(all.subList(0, cut));
      });
  }

  /** Marks messages compacted: they stay in the transcript and leave the context. */
  Future<Integer> markCompacted(List<String> ids) {
    return pool.preparedQuery("UPDATE messages SET compacted_at = now() WHERE id = ANY($1) AND compacted_at IS NULL")
      .execute(Tuple.of(ids.toArray(String[]::new))).map(rows -> rows.rowCount());
  }

  Future<List<Message>> pinned(String sessionId) {
    return pool.preparedQuery("SELECT " + MemoryRows.MESSAGE_COLUMNS + " FROM messages WHERE session_id = $1 "
        + "AND pinned ORDER BY sequence").execute(Tuple.of(sessionId)).map(MessageStore::list);
  }

  /** Unpinned messages older than {@code beforeSequence}, newest first. */
  Future<List<Message>> newestUnpinned(String sessionId, long beforeSequence, int limit, String excludeKeyPrefix) {
    return pool.preparedQuery("SELECT " + MemoryRows.MESSAGE_COLUMNS + " FROM messages WHERE session_id = $1 "
        + "AND NOT pinned AND compacted_at IS NULL AND sequence < $2 AND ($4::text IS NULL OR append_key IS NULL "
        + "OR NOT starts_with(append_key, $4)) ORDER BY sequence DESC LIMIT $3")
      .execute(Tuple.of(sessionId, beforeSequence, limit, excludeKeyPrefix)).map(MessageStore::list);
  }

  private static List<Message> list(RowSet<Row> rows) {
    List<Message> messages = new ArrayList<>();
    rows.forEach(row -> messages.add(MemoryRows.message(row)));
    return messages;
  }
}
