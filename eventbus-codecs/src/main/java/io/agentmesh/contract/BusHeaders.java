package io.agentmesh.contract;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * The headers every request on the bus carries. A domain reads identity only from here: the gateway sets them from
 * a verified credential, and work running later on a user's behalf re-asserts the stored principal.
 */
public final class BusHeaders {

  public static final String PRINCIPAL = "principal";
  public static final String REQUEST_ID = "request-id";
  /** The client's address as the gateway determined it (socket, or X-Forwarded-For from a trusted proxy). */
  public static final String CLIENT_ADDRESS = "client-address";
  /**
   * A key that names one logical tool call across retries (a task's attempt, step and call): a tool with side
   * effects can use it to do them once.
   */
  public static final String IDEMPOTENCY_KEY = "idempotency-key";
  /** The client's User-Agent, for naming logins. */
  public static final String USER_AGENT = "user-agent";

  private BusHeaders() {
  }

  public static DeliveryOptions deliveryOptions(Principal principal, String requestId, long timeoutMs) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMs);
    options.addHeader(PRINCIPAL, principal.toHeader());
    if (requestId != null) {
      options.addHeader(REQUEST_ID, requestId);
    }
    return options;
  }

  public static Principal principal(Message<?> message) {
    return Principal.fromHeader(message.headers().get(PRINCIPAL));
  }

  public static String requestId(Message<?> message) {
    return message.headers().get(REQUEST_ID);
  }

  public static String clientAddress(Message<?> message) {
    return message.headers().get(CLIENT_ADDRESS);
  }

  public static String userAgent(Message<?> message) {
    return message.headers().get(USER_AGENT);
  }
}
