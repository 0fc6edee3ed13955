package io.agentmesh.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * The platform's list parameters: {@code limit} 1-100 (default 20), {@code order} {@code asc} or {@code desc}
 * (default {@code desc}), and {@code after} / {@code before} the id of the last / first object seen. Pages are keyset
 * pages on sortable ids, so a walk sees every object that existed when it began exactly once.
 */
public record ListQuery(Integer limit, String order, String after, String before) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public int limitOrDefault() {
    return limit == null ? DEFAULT_LIMIT : limit;
  }

  public boolean ascending() {
    return "asc".equals(order);
  }

  /** The offending parameters; empty when the query is valid. */
  public List<FieldError> problems() {
    List<FieldError> errors = new ArrayList<>();
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      errors.add(new FieldError("limit", "must be from 1 to " + MAX_LIMIT));
    }
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      errors.add(new FieldError("order", "must be asc or desc"));
    }
    if (after != null && before != null) {
      errors.add(new FieldError("before", "cannot be combined with after"));
    }
    return errors;
  }
}
