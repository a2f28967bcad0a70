package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onebit.model.DeployModel;
import java.nio.file.Path;
import java.util.List;

/** One generated model.c built for the host with both kernel families, run on the same samples. */
final class TwinBuilds {
  private TwinBuilds() {}

  /**
   * Generates {@code model} into {@code work}, runs the reference and the optimised host binaries,
   * asserts that they print the same scores and classes for every sample, and returns the reference
   * results (to compare with the golden model).
   */
  static List<ResultLine> runBothAndCompare(DeployModel model, byte[][] samples, Path work, String what) {
    CodeGenerator.generate(model, Boards.load(Boards.DEFAULT), work, null);
    List<ResultLine> reference = HostRunner.runBinary(FirmwareBuilder.buildHost(work, Kernels.REFERENCE), samples, work);
    List<ResultLine> optimised = HostRunner.runBinary(FirmwareBuilder.buildHost(work, Kernels.OPTIMISED), samples, work);
    assertEquals(samples.length, optimised.size(), what);
    for (int i = 0; i < samples.length; i++) {
      assertArrayEquals(reference.get(i).scores(), optimised.get(i).scores(), what + ", sample " + i);
      assertEquals(reference.get(i).predictedClass(), optimised.get(i).predictedClass(), what + ", sample " + i);
    }
    return reference;
  }
}
