package io.agentmesh.contract;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.List;

/**
 * A typed failure that travels over the bus as a reply: the requester's future fails with this exception, with its
 * code and field details intact, on the same node or across the cluster ({@link DomainExceptionCodec}).
 */
public final class DomainException extends ReplyException {

  private final ErrorCode code;
  private final List<FieldError> errors;
  private final Integer retryAfterSeconds;

  public DomainException(ErrorCode code, String detail) {
    this(code, detail, List.of());
  }

  public DomainException(ErrorCode code, String detail, List<FieldError> errors) {
    this(code, detail, errors, null);
  }

  public DomainException(ErrorCode code, String detail, List<FieldError> errors, Integer retryAfterSeconds) {
    super(ReplyFailure.RECIPIENT_FAILURE, code.status(), detail);
    this.code = code;
    this.errors = List.copyOf(errors);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A 429 or 503 that tells the client when to try again ({@code Retry-After}). */
  public static DomainException retryLater(ErrorCode code, String detail, int retryAfterSeconds) {
    return new DomainException(code, detail, List.of(), Math.max(1, retryAfterSeconds));
  }

  public static DomainException validation(List<FieldError> errors) {
    return new DomainException(ErrorCode.VALIDATION_FAILED, "The request has invalid fields.", errors);
  }

  public static DomainException notFound(String what) {
    return new DomainException(ErrorCode.NOT_FOUND, what + " was not found.");
  }

  public ErrorCode code() {
    return code;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** Seconds after which the client may try again, or null. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // an expected outcome, not a bug: a stack trace would be noise and cost
  }
}
