package io.agentmesh.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The optional filters of a list query: each given value adds a condition with its numbered parameter, a value left
 * null adds nothing. Feeds {@link KeysetPage#fetch}.
 */
public final class SqlConditions {

  private final List<String> conditions = new ArrayList<>();
  private final List<Object> params = new ArrayList<>();

  /** {@code column = value}, when the value is given. */
  public SqlConditions equal(String column, Object value) {
    return where(column + " =", value);
  }

  /** {@code left $n} (for example {@code lower(name) LIKE}), when the value is given. */
  public SqlConditions where(String left, Object value) {
    if (value != null) {
      params.add(value);
      conditions.add(left + " $" + params.size());
    }
    return this;
  }

  /** The conditions joined with AND, or null for none. */
  public String condition() {
    return conditions.isEmpty() ? null : String.join(" AND ", conditions);
  }

  public List<Object> params() {
    return params;
  }
}
