package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleBatchesTest {
  private final DeployModel sfc =
      RandomModels.dense("sfc", InputSpec.thresholded(28, 28, 1, 128), new int[] {256, 256, 256, 10}, new Random(1));

  @Test
  void microbitHoldsAboutTwoHundredFiftyMnistSamplesBesideSfc() {
    int n = SampleBatches.perImage(sfc, Boards.load("microbit"));
    // (256 KiB - SFC's 43,920 B of constants - 16 KiB for code) / 784 B
    assertEquals((262144 - 43920 - 16384) / 784, n);
    assertTrue(SampleBatches.perImage(sfc, Boards.load("mps2-an386")) > 4000);
  }

  @Test
  void splitKeepsOrderAndCoversEverySample() {
    byte[][] samples = new byte[7][];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = new byte[] {(byte) i};
    }
    List<byte[][]> batches = SampleBatches.split(samples, 3);
    assertEquals(3, batches.size());
    assertEquals(List.of(3, 3, 1), batches.stream().map(b -> b.length).toList());
    assertEquals(6, batches.get(2)[0][0]);
  }
}
