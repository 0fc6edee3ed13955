package io.agentmesh.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What text and numbers the platform accepts, decided once: strings are valid Unicode (no lone surrogate) without
 * NUL (PostgreSQL's text cannot hold it), and numbers are finite and within a double's range. A request breaking
 * this is refused at the edge with the field named ({@link #problems}); text that arrives from outside without a
 * request (a model's deltas, a tool's or an upstream server's results) cannot be refused, so it is repaired, each
 * offending character replaced by U+FFFD ({@link #clean}).
 */
public final class AcceptedText {

  private static final char REPLACEMENT = '\uFFFD';
  private static final BigDecimal DOUBLE_MAX = BigDecimal.valueOf(Double.MAX_VALUE);

  private AcceptedText() {
  }

  /** Why {@code text} is not accepted, or null when it is. */
  public static String problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return "must not contain the NUL character (U+0000)";
      }
      if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(++i)))
        || Character.isLowSurrogate(c)) {
        return "must be valid Unicode (a lone surrogate was found)";
      }
    }
    return null;
  }

  /** Every string (keys too) and number in a JSON value that is not accepted, by field path (empty: all good). */
  public static List<FieldError> problems(Object json) {
    List<FieldError> problems = new ArrayList<>();
    walk(json, "", problems);
    return problems;
  }

  private static void walk(Object value, String path, List<FieldError> problems) {
    if (value instanceof JsonObject object) {
      walk(object.getMap(), path, problems);
    } else if (value instanceof JsonArray array) {
      walk(array.getList(), path, problems);
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> {
        String field = path.isEmpty() ? String.valueOf(key) : path + "." + key;
        String keyProblem = problem(String.valueOf(key));
        if (keyProblem != null) {
          problems.add(new FieldError(path.isEmpty() ? "(a field name)" : path + ".(a field name)", keyProblem));
        } else {
          walk(item, field, problems);
        }
      });
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path.isEmpty() ? String.valueOf(i) : path + "." + i, problems);
      }
    } else if (value instanceof CharSequence text) {
      String problem = problem(text.toString());
      if (problem != null) {
        problems.add(new FieldError(path, problem));
      }
    } else if (value instanceof Number number && !finite(number)) {
      problems.add(new FieldError(path, "is a number out of range"));
    }
  }

  private static boolean finite(Number number) {
    if (number instanceof Double || number instanceof Float) {
      return Double.isFinite(number.doubleValue());
    }
    if (number instanceof BigDecimal decimal) {
      return decimal.abs().compareTo(DOUBLE_MAX) <= 0;
    }
    return true;
  }

  /** {@code text} with NUL and lone surrogates replaced by U+FFFD; the same instance when nothing needed it. */
  public static String clean(String text) {
    if (text == null || problem(text) == null) {
      return text;
    }
    StringBuilder clean = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        clean.append(c).append(text.charAt(++i));
      } else {
        clean.append(c == 0 || Character.isSurrogate(c) ? REPLACEMENT : c);
      }
    }
    return clean.toString();
  }

  /**
   * A JSON value (maps, lists, strings) with every string repaired by {@link #clean(String)}, and a number out of
   * range (which JSON text cannot carry) made null.
   */
  public static Object clean(Object json) {
    if (json instanceof CharSequence text) {
      return clean(text.toString());
    }
    if (json instanceof JsonObject object) {
      return new JsonObject(cleanMap(object.getMap()));
    }
    if (json instanceof JsonArray array) {
      return new JsonArray(cleanList(array.getList()));
    }
    if (json instanceof Map<?, ?> map) {
      return cleanMap(map);
    }
    if (json instanceof List<?> list) {
      return cleanList(list);
    }
    return json instanceof Number number && !finite(number) ? null : json;
  }

  private static List<Object> cleanList(List<?> list) {
    List<Object> clean = new ArrayList<>(list.size());
    list.forEach(item -> clean.add(clean(item)));
    return clean;
  }

  private static Map<String, Object> cleanMap(Map<?, ?> map) {
    Map<String, Object> clean = new LinkedHashMap<>();
    map.forEach((key, value) -> clean.put(clean(String.valueOf(key)), clean(value)));
    return clean;
  }
}
