package io.agentmesh.verticles.conformance;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** The smallest media the fixtures return: a 1x1 red PNG and a few milliseconds of silent 8 kHz WAV. */
final class FixtureMedia {

  static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5E"
    + "rkJggg==";
  static final String WAV = Base64.getEncoder().encodeToString(silentWav(80));

  private FixtureMedia() {
  }

  /** A PCM WAV file: RIFF header, fmt chunk (mono, 8 kHz, 8 bit), and {@code samples} bytes of silence (128). */
  private static byte[] silentWav(int samples) {
    ByteBuffer wav = ByteBuffer.allocate(44 + samples).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes()).putInt(36 + samples).put("WAVE".getBytes());
    wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(8000)
      .putShort((short) 1).putShort((short) 8);
    wav.put("data".getBytes()).putInt(samples);
    for (int i = 0; i < samples; i++) {
      wav.put((byte) 128);
    }
    return wav.array();
  }
}
