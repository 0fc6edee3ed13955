package io.agentmesh.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Carries a {@link DomainException} across the cluster as JSON; tolerant of codes it does not know. */
final class DomainExceptionCodec implements MessageCodec<DomainException, DomainException> {

  static final String NAME = "agentmesh-domain-exception";

  @Override
  public void encodeToWire(Buffer buffer, DomainException error) {
    JsonArray errors = new JsonArray();
    error.errors().forEach(e -> errors.add(new JsonObject().put("field", e.field()).put("reason", e.reason())));
    Buffer json = new JsonObject()
      .put("code", error.code().name())
      .put("status", error.code().status())
      .put("detail", error.getMessage())
      .put("errors", errors)
      .put("retry_after", error.retryAfterSeconds())
      .toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public DomainException decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    JsonObject json = new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
    List<FieldError> errors = new ArrayList<>();
    json.getJsonArray("errors", new JsonArray()).forEach(item -> {
      JsonObject e = (JsonObject) item;
      errors.add(new FieldError(e.getString("field"), e.getString("reason")));
    });
    return new DomainException(codeOf(json), json.getString("detail"), errors, json.getInteger("retry_after"));
  }

  private static ErrorCode codeOf(JsonObject json) {
    try {
      return ErrorCode.valueOf(json.getString("code"));
    } catch (IllegalArgumentException | NullPointerException unknown) {
      // a newer node may send a code this one does not know yet: fall back to its status
      return ErrorCode.ofStatus(json.getInteger("status", 500));
    }
  }

  @Override
  public DomainException transform(DomainException error) {
    return error;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
