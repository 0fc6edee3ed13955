package io.agentmesh.verticles.ecs.engine;

/**
 * The world's random numbers: xoshiro256** (Blackman and Vigna), seeded through SplitMix64. Its whole state is
 * four longs that can be read and restored, so a snapshot carries it and the world hash covers it: the same seed
 * and the same commands give the same world, tick for tick. Not for anything secret.
 */
public final class WorldRandom {

  private long s0;
  private long s1;
  private long s2;
  private long s3;

  public WorldRandom(long seed) {
    long x = seed;
    x += 0x9E3779B97F4A7C15L;
    s0 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s1 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s2 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s3 = mix(x);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, 1). */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform in [0, bound), bound > 0. */
  public int nextInt(int bound) {
    return (int) (((nextLong() >>> 33) * bound) >>> 31);
  }

  /** The state, for a snapshot or a hash. */
  public long[] state() {
    return new long[] {s0, s1, s2, s3};
  }

  /** Puts back a state {@link #state()} gave. */
  public void restore(long[] state) {
    s0 = state[0];
    s1 = state[1];
    s2 = state[2];
    s3 = state[3];
  }
}
