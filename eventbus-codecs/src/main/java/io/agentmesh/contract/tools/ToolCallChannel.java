package io.agentmesh.contract.tools;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.mcp.CallNotice;
import io.agentmesh.contract.mcp.ClientReply;
import io.agentmesh.contract.mcp.ClientRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

import java.util.HashMap;
import java.util.Map;

/**
 * How a running tool talks to the MCP client that called it: progress, log messages, and requests to the client
 * (sampling, elicitation). The gateway instance holding the client's connection is named in the call's headers; a
 * call without one (REST invoke, an agent's own call) gets a channel that drops notices and refuses requests.
 */
public final class ToolCallChannel {

  /** Header: the bus address of the gateway instance holding the call. */
  public static final String CHANNEL = "mcp-call-channel";
  /** Header: the call's id at that instance. */
  public static final String CALL_ID = "mcp-call-id";

  private final EventBus bus;
  private final String address;
  private final String callId;

  private ToolCallChannel(EventBus bus, String address, String callId) {
    this.bus = bus;
    this.address = address;
    this.callId = callId;
  }

  public static ToolCallChannel of(EventBus bus, Message<?> message) {
    return new ToolCallChannel(bus, message.headers().get(CHANNEL), message.headers().get(CALL_ID));
  }

  /** Copies the channel headers of {@code message} onto {@code options}, so a forwarded call keeps its channel. */
  public static DeliveryOptions forward(Message<?> message, DeliveryOptions options) {
    if (message.headers().get(CHANNEL) != null) {
      options.addHeader(CHANNEL, message.headers().get(CHANNEL)).addHeader(CALL_ID, message.headers().get(CALL_ID));
    }
    return options;
  }

  public boolean connected() {
    return address != null && callId != null;
  }

  public void progress(double progress, Double total, String message) {
    Map<String, Object> params = new HashMap<>();
    params.put("progress", progress);
    if (total != null) {
      params.put("total", total);
    }
    if (message != null) {
      params.put("message", message);
    }
    notice("progress", params);
  }

  public void log(String level, Object data) {
    notice("log", Map.of("level", level, "logger", "tool", "data", data));
  }

  /** Ends the client's stream now; the client comes back after {@code retryMs} and receives the rest. */
  public void reconnect(long retryMs) {
    notice("reconnect", Map.of("retry_ms", retryMs));
  }

  /** Asks the client ({@code sampling/createMessage}, {@code elicitation/create}); fails if it cannot answer. */
  public Future<Map<String, Object>> ask(String method, Map<String, Object> params, long timeoutMs) {
    if (!connected()) {
      return Future.failedFuture(new DomainException(ErrorCode.VALIDATION_FAILED,
        "This tool needs an MCP client connection to ask " + method + "."));
    }
    return bus.<ClientReply>request(address, new ClientRequest(callId, method, params),
        new DeliveryOptions().setSendTimeout(timeoutMs))
      .map(Message::body)
      .compose(reply -> reply.failed()
        ? Future.failedFuture(new DomainException(ErrorCode.VALIDATION_FAILED, "The client did not answer "
          + method + ": " + reply.error().get("message")))
        : Future.succeededFuture(reply.result()));
  }

  private void notice(String kind, Map<String, Object> params) {
    if (connected()) {
      bus.send(address, new CallNotice(callId, kind, params));
    }
  }
}
