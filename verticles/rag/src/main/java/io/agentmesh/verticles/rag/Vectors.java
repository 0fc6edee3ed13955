package io.agentmesh.verticles.rag;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Vectors as PostgreSQL keeps them: float32, little-endian, in a {@code bytea}. */
final class Vectors {

  private Vectors() {
  }

  static byte[] toBytes(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return buffer.array();
  }

  static float[] fromBytes(byte[] bytes) {
    float[] vector = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
