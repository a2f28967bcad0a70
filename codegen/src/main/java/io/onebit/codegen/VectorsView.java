package io.onebit.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * Test vectors prepared for {@code vectors.c.vm}.
 *
 * @param count number of samples
 * @param sampleSize bytes per sample
 * @param samples per sample, its bytes as C initializer lines
 */
public record VectorsView(int count, int sampleSize, List<List<String>> samples) {
  private static final int BYTES_PER_LINE = 28;

  static VectorsView of(TestVectors vectors) {
    List<List<String>> samples = new ArrayList<>(vectors.samples().length);
    for (byte[] sample : vectors.samples()) {
      samples.add(CLiterals.bytes(sample, BYTES_PER_LINE));
    }
    return new VectorsView(vectors.samples().length, vectors.samples()[0].length, List.copyOf(samples));
  }
}
