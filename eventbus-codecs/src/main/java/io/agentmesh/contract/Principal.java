package io.agentmesh.contract;

import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.conformance.ConformancePackAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a bus message acts for. Set by the gateway from a verified credential (or re-asserted from a stored task),
 * carried in the {@link BusHeaders#PRINCIPAL} header, never taken from a message body.
 *
 * @param userId       the user's id, or {@code null} for an anonymous caller of a public route
 * @param roles        the user's roles (for example {@code admin})
 * @param scopes       the effective scopes of the credential used (an API key may carry fewer than the user has)
 * @param credentialId the login (for an access token) or API key the caller used, or {@code null}
 */
public record Principal(String userId, Set<String> roles, Set<String> scopes, String credentialId) {

  /** The prefix of every API key's id, which is the {@code credentialId} of a principal that used the key. */
  public static final String API_KEY_ID_PREFIX = "key";

  public static final Principal ANONYMOUS = new Principal(null, Set.of(), Set.of(), null);
  /**
   * An unauthenticated MCP client while the conformance pack is deployed (dev mode only): it holds no role and only
   * the pack's scope, so it reaches the pack's fixtures and none of the platform's data.
   */
  public static final Principal GUEST = new Principal("guest", Set.of("guest"),
    Set.of(ConformancePackAddresses.SCOPE), null);

  public Principal {
    roles = Set.copyOf(roles == null ? Set.of() : roles);
    scopes = Set.copyOf(scopes == null ? Set.of() : scopes);
  }

  public boolean isAnonymous() {
    return userId == null;
  }

  public boolean isGuest() {
    return roles.contains("guest");
  }

  /** Whether the credential grants {@code scope}, directly or through a scope that implies it. */
  public boolean hasScope(String scope) {
    return Scopes.grants(scopes, scope);
  }

  /**
   * Whether the caller used an API key rather than an interactive login: keys are for programs, so they never manage
   * the account (password, logins, keys, deleting it). The auth domain names every key {@value #API_KEY_ID_PREFIX}_...
   */
  public boolean viaApiKey() {
    return credentialId != null && credentialId.startsWith(API_KEY_ID_PREFIX + "_");
  }

  public boolean isAdmin() {
    return roles.contains("admin");
  }

  /** Compact, order-stable JSON for a header value (built on every bus request, so by hand). */
  public String toHeader() {
    StringBuilder json = new StringBuilder(160).append("{\"sub\":");
    string(json, userId).append(",\"roles\":");
    array(json, roles).append(",\"scopes\":");
    array(json, scopes).append(",\"cid\":");
    return string(json, credentialId).append('}').toString();
  }

  private static StringBuilder array(StringBuilder json, Set<String> values) {
    json.append('[');
    String separator = "";
    for (String value : new TreeSet<>(values)) {
      json.append(separator);
      string(json, value);
      separator = ",";
    }
    return json.append(']');
  }

  /** A JSON string (RFC 8259 escapes: quote, backslash, control characters). */
  private static StringBuilder string(StringBuilder json, String value) {
    if (value == null) {
      return json.append("null");
    }
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"');
  }

  /**
   * Headers already read: every bus request a task makes carries its submitter's principal, and parsing the same
   * JSON again took a fiftieth of a busy node's CPU. Principals are immutable, so sharing one is safe.
   */
  private static final Map<String, Principal> PARSED = new ConcurrentHashMap<>();
  private static final int PARSED_MAX = 10_000;

  public static Principal fromHeader(String header) {
    if (header == null || header.isBlank()) {
      return ANONYMOUS;
    }
    Principal known = PARSED.get(header);
    if (known != null) {
      return known;
    }
    if (PARSED.size() >= PARSED_MAX) {
      PARSED.clear(); // the callers of the last moments come back at once; no eviction order is worth its cost
    }
    Principal parsed = parse(header);
    PARSED.put(header, parsed);
    return parsed;
  }

  private static Principal parse(String header) {
    JsonObject json = new JsonObject(header);
    return new Principal(json.getString("sub"), toSet(json.getJsonArray("roles")), toSet(json.getJsonArray("scopes")),
      json.getString("cid"));
  }

  private static Set<String> toSet(JsonArray array) {
    Set<String> values = new TreeSet<>();
    if (array != null) {
      array.forEach(value -> values.add(String.valueOf(value)));
    }
    return values;
  }
}
