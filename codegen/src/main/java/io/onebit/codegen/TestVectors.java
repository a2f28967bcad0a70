package io.onebit.codegen;

import io.onebit.model.InputSpec;
import io.onebit.model.SampleType;
import java.util.Random;

/**
 * Raw samples compiled into the QEMU harness (flash): {@code samples[i]} holds input.sampleBytes()
 * bytes, HWC, each element of the input's sample type little-endian (a uint8 sample is its bytes).
 */
public record TestVectors(byte[][] samples) {
  /** Seed of the built-in random samples, fixed so that generated code is reproducible. */
  private static final long BUILT_IN_SEED = 0x0b17L;
  private static final int BUILT_IN_RANDOM = 4;

  public TestVectors {
    if (samples == null || samples.length == 0) {
      throw new CodegenException("test vectors: at least one sample is needed");
    }
  }

  /**
   * The samples used when the caller gives none: every element the type's minimum, every element its
   * maximum (all 0 and all 255 for uint8), and a few fixed random ones.
   */
  public static TestVectors builtIn(InputSpec input) {
    SampleType type = input.type();
    byte[][] samples = new byte[2 + BUILT_IN_RANDOM][input.sampleBytes()];
    for (int i = 0; i < input.size(); i++) {
      type.put(samples[0], i, type.min());
      type.put(samples[1], i, type.max());
    }
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
