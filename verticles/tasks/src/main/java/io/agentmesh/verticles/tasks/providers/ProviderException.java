package io.agentmesh.verticles.tasks.providers;

/**
 * A failed model call. {@code code} is the task error code it becomes (provider_error, rate_limited, timeout,
 * invalid_request); {@code retryable} failures are tried again with backoff, honouring {@code retryAfterMs}.
 */
public final class ProviderException extends RuntimeException {

  private final String code;
  private final boolean retryable;
  private final long retryAfterMs;

  public ProviderException(String code, String message, boolean retryable, long retryAfterMs) {
    super(message, null, false, false);
    this.code = code;
    this.retryable = retryable;
    this.retryAfterMs = retryAfterMs;
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }

  public long retryAfterMs() {
    return retryAfterMs;
  }
}
