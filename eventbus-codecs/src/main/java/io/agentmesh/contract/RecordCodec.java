package io.agentmesh.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one codec for every message record. Local delivery hands over the record itself (records of this contract are
 * immutable), clustered delivery writes the class name and a CBOR body. Decoding ignores unknown fields and leaves
 * missing ones null, so nodes one version apart understand each other during a rolling upgrade. Only records of
 * this contract's packages are ever instantiated from the wire.
 */
final class RecordCodec implements MessageCodec<Record, Record> {

  static final String NAME = "agentmesh-record";
  static final String CONTRACT_PACKAGE = "io.agentmesh.contract.";

  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory())
    .registerModule(new JavaTimeModule())
    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
    .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Map<String, Class<? extends Record>> classes = new ConcurrentHashMap<>();

  @Override
  public void encodeToWire(Buffer buffer, Record record) {
    byte[] type = record.getClass().getName().getBytes(StandardCharsets.UTF_8);
    byte[] body = write(record);
    buffer.appendShort((short) type.length).appendBytes(type).appendInt(body.length).appendBytes(body);
  }

  @Override
  public Record decodeFromWire(int pos, Buffer buffer) {
    int typeLength = buffer.getShort(pos);
    String type = buffer.getString(pos + 2, pos + 2 + typeLength, "UTF-8");
    int bodyStart = pos + 2 + typeLength + 4;
    int bodyLength = buffer.getInt(pos + 2 + typeLength);
    byte[] body = buffer.getBytes(bodyStart, bodyStart + bodyLength);
    try {
      return CBOR.readValue(body, classFor(type));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot decode a " + type + " from the bus", e);
    }
  }

  @Override
  public Record transform(Record record) {
    return record;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  static byte[] write(Record record) {
    try {
      return CBOR.writeValueAsBytes(record);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode " + record.getClass().getName(), e);
    }
  }

  private Class<? extends Record> classFor(String type) {
    return classes.computeIfAbsent(type, RecordCodec::load);
  }

  private static Class<? extends Record> load(String type) {
    if (!type.startsWith(CONTRACT_PACKAGE)) {
      throw new IllegalArgumentException("Refusing to decode " + type + ": not a message of the contract");
    }
    try {
      Class<?> loaded = Class.forName(type, false, RecordCodec.class.getClassLoader());
      if (!loaded.isRecord()) {
        throw new IllegalArgumentException("Refusing to decode " + type + ": not a record");
      }
      return loaded.asSubclass(Record.class);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("Unknown message type " + type + " (is this node older than the sender?)", e);
    }
  }
}
