package io.agentmesh.storage;

import io.agentmesh.contract.ListQuery;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One page of rows ordered by their sortable {@code id}, following the platform's list convention: {@code after}
 * and {@code before} are ids, so a walk never skips or repeats a row whatever is inserted meanwhile.
 *
 * @param rows    the page, in the requested order
 * @param hasMore whether more rows lie beyond the page in the direction of the walk
 */
public record KeysetPage(List<Row> rows, String firstId, String lastId, boolean hasMore) {

  /**
   * @param selectFrom {@code SELECT ... FROM table}, without WHERE or ORDER BY
   * @param condition  an SQL condition over {@code params} ($1, $2, ...), or null for every row
   */
  public static Future<KeysetPage> fetch(SqlClient client, String selectFrom, String condition, List<Object> params,
                                         ListQuery query) {
    int limit = query.limitOrDefault();
    boolean backwards = query.before() != null;
    String cursor = backwards ? query.before() : query.after();
    // walking backwards from `before` reads the other way round, then restores the requested order
    boolean readAscending = query.ascending() != backwards;
    List<String> where = new ArrayList<>();
    List<Object> values = new ArrayList<>(params);
    if (condition != null) {
      where.add("(" + condition + ")");
    }
    if (cursor != null) {
      values.add(cursor);
      where.add("id " + (readAscending ? ">" : "<") + " $" + values.size());
    }
    String sql = selectFrom + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
      + " ORDER BY id " + (readAscending ? "ASC" : "DESC") + " LIMIT " + (limit + 1);
    return client.preparedQuery(sql).execute(Tuple.from(values)).map(result -> {
      List<Row> rows = new ArrayList<>();
      result.forEach(rows::add);
      boolean hasMore = rows.size() > limit;
      if (hasMore) {
        rows.remove(rows.size() - 1);
      }
      if (backwards) {
        Collections.reverse(rows);
      }
      String first = rows.isEmpty() ? null : rows.get(0).getString("id");
      String last = rows.isEmpty() ? null : rows.get(rows.size() - 1).getString("id");
      return new KeysetPage(rows, first, last, hasMore);
    });
  }
}
