package io.agentmesh.verticles.gateway.http;

import io.vertx.ext.web.RoutingContext;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * {@code X-Request-Id}: taken from the caller when it is a sane token, generated otherwise; returned on every
 * response, sent over the bus and written in every log line of the request.
 */
public final class RequestIds {

  static final String HEADER = "X-Request-Id";
  private static final String KEY = "request_id";
  private static final Pattern ACCEPTED = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

  private RequestIds() {
  }

  public static void assign(RoutingContext ctx) {
    String offered = ctx.request().getHeader(HEADER);
    String id = offered != null && ACCEPTED.matcher(offered).matches() ? offered : generate();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  public static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  private static String generate() {
    // not a secret, only unique: a thread-local generator avoids SecureRandom's lock on the hot path
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "req_" + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextInt());
  }
}
