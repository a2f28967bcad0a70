package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.ConvSignLayer;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomArchitectures.Blueprint;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shrinker reduces a failing case to the smallest one it can reach that still fails. */
class FuzzShrinkerTest {
  /** A planted "bug": the C would be wrong for a conv with 33+ filters and a kernel 3+ wide that reads a -1 input. */
  private static boolean planted(DeployModel model, byte[] sample) {
    boolean anyNegative = false;
    for (byte b : sample) {
      anyNegative |= (b & 0xff) < model.input().threshold();
    }
    boolean finalAny = anyNegative;
    return finalAny && model.layers().stream().anyMatch(l -> l instanceof ConvSignLayer c && c.outChannels() >= 33
        && c.kernelWidth() >= 3);
  }

  @Test
  void shrinksToTheSmallestCaseThatStillFails() {
    Blueprint start = new Blueprint(InputSpec.thresholded(12, 10, 5, 128),
        "conv16k3x3s1same,pool2s2,conv40k4x5s2valid,conv8k1x1s1same,flatten,dense70,dense20,out9", 77);
    byte[] sample = new byte[start.input().size()];
    new Random(3).nextBytes(sample);
    assertTrue(planted(start.build("s"), sample));
    FuzzShrinker.Case smallest = FuzzShrinker.shrink(new FuzzShrinker.Case(start, sample), FuzzShrinkerTest::planted);
    assertTrue(planted(smallest.blueprint().build("s"), smallest.sample()), "still fails");
    // One conv of exactly 33 filters and width 3 on a one-channel input of at most 1 x 3, then the output layer.
    assertTrue(smallest.blueprint().spec().matches("conv33k1x3s1(same|valid),out1"), smallest.blueprint().toString());
    InputSpec in = smallest.blueprint().input();
    assertEquals(1, in.channels());
    assertTrue(in.height() == 1 && in.width() <= 3, in.toString());
  }
}
