package io.agentmesh.verticles.tasks.providers;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One model API endpoint: streams a request's response body to a reader, non-blocking, with an idle timeout, a
 * circuit breaker (5 transport failures or 5xx/429 in a row open it for 30 s: calls then fail fast, retryably), and
 * the HTTP failures a task distinguishes: 429 rate_limited with Retry-After, 5xx and network errors provider_error
 * (retryable), 408 and timeouts timeout (retryable), other 4xx invalid_request (not retried). A cancellation resets
 * the request. The endpoint's key goes only to its own base URL.
 */
final class ProviderEndpoint {

  private static final int MAX_ERROR_BODY = 2000;

  final String name;
  final String baseUrl;
  private final HttpClient http;
  private final Map<String, String> headers;
  private final long timeoutMs;
  private final CircuitBreaker breaker;
  private final Permits permits;

  ProviderEndpoint(Vertx vertx, HttpClient http, String name, String baseUrl, Map<String, String> headers,
                   long timeoutMs, int maxConcurrency) {
    this.permits = new Permits(maxConcurrency);
    this.http = http;
    this.name = name;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.headers = Map.copyOf(headers);
    this.timeoutMs = timeoutMs;
    this.breaker = CircuitBreaker.create("provider-" + name, vertx, new CircuitBreakerOptions().setMaxFailures(5)
      .setResetTimeout(30_000).setTimeout(-1));
  }

  /**
   * POSTs {@code body} to {@code path}; the 2xx body's chunks go to {@code onChunk}; completes when it ends. At
   * most {@code max_concurrency} calls run at once on this node; the others wait their turn (in order).
   */
  Future<Void> stream(String path, JsonObject body, Cancellation cancellation, Consumer<Buffer> onChunk) {
    return permits.acquire(cancellation).compose(permit -> call(path, body, cancellation, onChunk)
      .onComplete(done -> permits.release()));
  }

  private Future<Void> call(String path, JsonObject body, Cancellation cancellation, Consumer<Buffer> onChunk) {
    // A non-retryable answer (a 400, a cancellation) is the caller's, not the endpoint's: it passes the breaker as
    // a value so that it does not count toward opening the circuit.
    return breaker.<ProviderException>execute(() -> send(path, body, cancellation, onChunk)
        .map(ok -> (ProviderException) null)
        .recover(failure -> failure instanceof ProviderException provider && !provider.retryable()
          ? Future.succeededFuture(provider) : Future.failedFuture(failure)))
      .recover(failure -> Future.failedFuture(failure instanceof OpenCircuitException
        ? new ProviderException("provider_error", "The " + name + " endpoint failed repeatedly; calls pause for "
          + "30 s.", true, 30_000) : failure))
      .compose(refused -> refused == null ? Future.succeededFuture() : Future.failedFuture(refused));
  }

  private Future<Void> send(String path, JsonObject body, Cancellation cancellation, Consumer<Buffer> onChunk) {
    Promise<Void> done = Promise.promise();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(baseUrl + path)
      .setIdleTimeout(timeoutMs).setConnectTimeout(Math.min(timeoutMs, 10_000))
      .addHeader("Content-Type", "application/json").addHeader("Accept", "text/event-stream, application/x-ndjson");
    headers.forEach(options::addHeader);
    http.request(options).onFailure(failure -> done.tryFail(transport(failure))).onSuccess(request -> {
      cancellation.onFire(() -> {
        done.tryFail(new ProviderException("cancelled", cancellation.reason(), false, 0));
        request.reset();
      });
      request.send(body.toBuffer()).onFailure(failure -> done.tryFail(transport(failure)))
        .onSuccess(response -> {
          if (response.statusCode() / 100 != 2) {
            response.body().onComplete(read -> done.tryFail(httpFailure(response,
              read.succeeded() ? read.result().toString() : "")));
            return;
          }
          response.handler(chunk -> {
            try {
              onChunk.accept(chunk);
            } catch (RuntimeException unreadable) {
              // An error event in the stream, or a chunk that is not what the format says: the call ends here.
              done.tryFail(unreadable instanceof ProviderException provider ? provider
                : new ProviderException("provider_error", name + " sent an unreadable stream: "
                  + unreadable.getMessage(), true, 0));
              request.reset();
            }
          });
          response.exceptionHandler(failure -> done.tryFail(transport(failure)));
          response.endHandler(end -> done.tryComplete());
        });
    });
    return done.future();
  }

  private ProviderException httpFailure(HttpClientResponse response, String body) {
    int status = response.statusCode();
    String detail = name + " answered HTTP " + status + ": " + (body.length() > MAX_ERROR_BODY
      ? body.substring(0, MAX_ERROR_BODY) + "..." : body);
    if (status == 429) {
      return new ProviderException("rate_limited", detail, true, retryAfterMs(response.getHeader("Retry-After")));
    }
    if (status == 408) {
      return new ProviderException("timeout", detail, true, 0);
    }
    if (status >= 500) {
      return new ProviderException("provider_error", detail, true, retryAfterMs(response.getHeader("Retry-After")));
    }
    return new ProviderException("invalid_request", detail, false, 0);
  }

  private ProviderException transport(Throwable failure) {
    boolean timedOut = failure instanceof TimeoutException
      || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout");
    return new ProviderException(timedOut ? "timeout" : "provider_error", name + ": " + (timedOut
      ? "no answer within " + timeoutMs + " ms" : failure.getMessage()), true, 0);
  }

  /** Retry-After in seconds or as an HTTP date; 0 when absent or unreadable. */
  static long retryAfterMs(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, (long) (Double.parseDouble(value.trim()) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, Duration.between(ZonedDateTime.now(when.getZone()), when).toMillis());
      } catch (DateTimeParseException unreadable) {
        return 0;
      }
    }
  }

}
