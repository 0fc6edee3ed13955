package io.agentmesh.bench;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The cost of one Argon2id hash and one verification at the platform's parameters (m=19 MiB, t=2, p=1). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Argon2Benchmark {

  private static final byte[] PASSWORD = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

  private Argon2 argon2;
  private String hash;

  @Setup
  public void setUp() {
    argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
    hash = argon2.hash(2, 19_456, 1, PASSWORD);
  }

  @Benchmark
  public String hash() {
    return argon2.hash(2, 19_456, 1, PASSWORD);
  }

  @Benchmark
  public boolean verify() {
    return argon2.verify(hash, PASSWORD);
  }
}
