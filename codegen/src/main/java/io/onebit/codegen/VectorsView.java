package io.onebit.codegen;

import io.onebit.model.SampleType;
import java.util.ArrayList;
import java.util.List;

/**
 * Test vectors prepared for {@code vectors.c.vm}.
 *
 * @param count number of samples
 * @param sampleSize bytes per sample
 * @param samples per sample, its elements (of the model's sample type) as C initializer lines
 */
public record VectorsView(int count, int sampleSize, List<List<String>> samples) {
  private static final int BYTES_PER_LINE = 28;

  static VectorsView of(TestVectors vectors, SampleType type) {
    List<List<String>> samples = new ArrayList<>(vectors.samples().length);
    for (byte[] sample : vectors.samples()) {
      samples.add(type == SampleType.UINT8 ? CLiterals.bytes(sample, BYTES_PER_LINE)
          : CLiterals.values(type.decode(sample), BYTES_PER_LINE / 2));
    }
    return new VectorsView(vectors.samples().length, vectors.samples()[0].length, List.copyOf(samples));
  }
}
