package io.agentmesh.contract;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The failures a domain may answer with. Each carries the HTTP status the gateway maps it to, so no side ever
 * matches on message text.
 */
public enum ErrorCode {
  BAD_REQUEST(400, "Bad request"),
  UNAUTHENTICATED(401, "Unauthenticated"),
  FORBIDDEN(403, "Forbidden"),
  NOT_FOUND(404, "Not found"),
  CONFLICT(409, "Conflict"),
  PRECONDITION_FAILED(412, "Precondition failed"),
  VALIDATION_FAILED(422, "Validation failed"),
  RATE_LIMITED(429, "Too many requests"),
  INTERNAL(500, "Internal error"),
  UNAVAILABLE(503, "Service unavailable");

  private static final Map<Integer, ErrorCode> BY_STATUS =
    Arrays.stream(values()).collect(Collectors.toMap(ErrorCode::status, Function.identity()));

  private final int status;
  private final String title;

  ErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The problem {@code type} slug, for example {@code validation-failed}. */
  public String slug() {
    return name().toLowerCase().replace('_', '-');
  }

  public static ErrorCode ofStatus(int status) {
    return BY_STATUS.getOrDefault(status, INTERNAL);
  }
}
