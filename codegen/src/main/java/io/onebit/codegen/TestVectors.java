package io.onebit.codegen;

import io.onebit.model.InputSpec;
import java.util.Random;

/**
 * Raw samples compiled into the QEMU harness (flash): {@code samples[i]} holds input.size()
 * bytes, HWC, unsigned.
 */
public record TestVectors(byte[][] samples) {
  /** Seed of the built-in random samples, fixed so that generated code is reproducible. */
  private static final long BUILT_IN_SEED = 0x0b17L;
  private static final int BUILT_IN_RANDOM = 4;
  /** How many built-in samples there are. */
  public static final int BUILT_IN_COUNT = 2 + BUILT_IN_RANDOM;

  public TestVectors {
    if (samples == null || samples.length == 0) {
      throw new CodegenException("test vectors: at least one sample is needed");
    }
  }

  /** The samples used when the caller gives none: all 0, all 255, and a few fixed random ones. */
  public static TestVectors builtIn(InputSpec input) {
    byte[][] samples = new byte[BUILT_IN_COUNT][input.size()];
    java.util.Arrays.fill(samples[1], (byte) 0xff);
    Random random = new Random(BUILT_IN_SEED);
    for (int i = 2; i < samples.length; i++) {
      random.nextBytes(samples[i]);
    }
    return new TestVectors(samples);
  }

  /** Checks that every sample has the model's input size. */
  void requireSize(int size) {
    for (int i = 0; i < samples.length; i++) {
      if (samples[i] == null || samples[i].length != size) {
        throw new CodegenException("test vector " + i + " has " + (samples[i] == null ? 0 : samples[i].length)
            + " bytes, the model's input has " + size);
      }
    }
  }
}
