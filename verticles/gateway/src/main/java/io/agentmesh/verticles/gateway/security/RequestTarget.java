package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.AcceptedText;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The request's path and query, checked before any route reads them: every percent escape well formed, every
 * decoded byte sequence valid UTF-8, and the text accepted by {@link AcceptedText} (no NUL). Otherwise 400, naming
 * the path or the query parameter, so that no malformed id or search text reaches a parser or PostgreSQL.
 */
public final class RequestTarget {

  private RequestTarget() {
  }

  public static void check(RoutingContext ctx) {
    String uri = ctx.request().uri();
    int question = uri.indexOf('?');
    String path = question < 0 ? uri : uri.substring(0, question);
    String problem = problem(path, false);
    if (problem != null) {
      ctx.fail(invalid("path", problem));
      return;
    }
    if (question >= 0) {
      for (String pair : uri.substring(question + 1).split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String nameProblem = problem(name, true);
        String valueProblem = equals < 0 ? null : problem(pair.substring(equals + 1), true);
        if (nameProblem != null || valueProblem != null) {
          ctx.fail(invalid(nameProblem != null ? "query" : "query." + decode(name, true),
            nameProblem != null ? nameProblem : valueProblem));
          return;
        }
      }
    }
    ctx.next();
  }

  private static DomainException invalid(String field, String reason) {
    return new DomainException(ErrorCode.BAD_REQUEST, "The request line has malformed text.",
      List.of(new FieldError(field, reason)));
  }

  /** Why {@code raw} (percent-encoded) is not accepted, or null. */
  private static String problem(String raw, boolean plusIsSpace) {
    try {
      return AcceptedText.problem(decode(raw, plusIsSpace));
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String decode(String raw, boolean plusIsSpace) {
    if (raw.indexOf('%') < 0) {
      return plusIsSpace ? raw.replace('+', ' ') : raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
          || Character.digit(raw.charAt(i + 2), 16) < 0) {
          throw new IllegalArgumentException("has a malformed percent escape (use %XX with two hex digits)");
        }
        bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(plusIsSpace && c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("is not valid UTF-8 once decoded");
    }
  }
}
