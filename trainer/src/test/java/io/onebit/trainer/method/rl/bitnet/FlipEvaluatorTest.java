package io.onebit.trainer.method.rl.bitnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Incremental re-evaluation equals full evaluation: every single flip's ΔR (one at a time and
 * all at once), an applied flip's pass, and a replaced row, against a fresh forward of the
 * changed network with the same generation statistics, with deterministic and with stochastic
 * hidden neurons (threshold noise). Widths cross word boundaries (70, 130
 * inputs) and the batch is odd, so padding bits and partial words are exercised.
 */
class FlipEvaluatorTest {
  private static final int BATCH = 37;
  private static final int[] WIDTHS = {130, 70, 9, 4};

  /** Exact for accuracy (integer counts); CE and margin differ from a fresh sum only by rounding. */
  private static double tolerance(SampleReward reward) {
    return reward == SampleReward.ACCURACY ? 0 : 1e-9;
  }

  private record Setup(BitNet net, Centering centering, long[] input, int[] labels, Pass pass, BitEvaluator eval) {}

  private static Setup setup(SampleReward reward, long seed) {
    return setup(reward, seed, 0);
  }

  /** As above; {@code tau} &gt; 0 makes the hidden neurons stochastic (threshold noise, {@link Centering#drawNoise}). */
  private static Setup setup(SampleReward reward, long seed, double tau) {
    Random random = new Random(seed);
    BitNet reference = Nets.random(random, WIDTHS);
    long[] input = Nets.samples(random, BATCH, WIDTHS[0], 0.7);
    int[] labels = Nets.labels(random, BATCH, WIDTHS[WIDTHS.length - 1]);
    BitEvaluator eval = new BitEvaluator(reward, false);
    Pass pass = new Pass(reference, BATCH);
    Centering c = eval.center(reference, input, labels, BATCH, pass);
    c.drawNoise(tau, new java.util.SplittableRandom(seed));
    // a candidate near the reference, as a policy sample is
    BitNet net = reference.copy();
    for (int k = 0; k < 200; k++) {
      int l = random.nextInt(net.layers());
      net.flip(l, random.nextInt(net.outputs(l)), random.nextInt(net.inputs(l)));
    }
    eval.forward(net, c, input, labels, BATCH, pass);
    return new Setup(net, c, input, labels, pass, eval);
  }

  private static double fresh(Setup s, BitNet net) {
    Pass p = new Pass(net, BATCH);
    s.eval().forward(net, s.centering(), s.input(), s.labels(), BATCH, p);
    return p.rewardSum();
  }

  @ParameterizedTest
  @CsvSource({"NEG_CE, 0", "ACCURACY, 0", "MARGIN, 0", "NEG_CE, 0.7", "ACCURACY, 0.7", "MARGIN, 0.7"})
  void forwardIsThePlainIntegerNetwork(SampleReward reward, double tau) {
    Setup s = setup(reward, 1, tau);
    int[] predicted = new int[BATCH];
    double naive = Nets.naiveRewardSum(s.net(), s.centering(), s.input(), s.labels(), BATCH, reward, predicted);
    assertEquals(naive, s.pass().rewardSum(), 1e-12);
    for (int b = 0; b < BATCH; b++) {
      assertEquals(predicted[b], s.pass().predicted(b));
    }
    double[] sums = new double[2];
    int[] correct = new int[2];
    s.eval().population(new BitNet[] {s.net(), s.net().copy()}, 2, s.centering(), s.input(), s.labels(), BATCH, sums,
        correct);
    assertEquals(s.pass().rewardSum(), sums[0]);
    assertEquals(s.pass().rewardSum(), sums[1]);
    assertEquals(s.pass().correct(), correct[0]);
  }

  @ParameterizedTest
  @CsvSource({"NEG_CE, 0", "ACCURACY, 0", "MARGIN, 0", "NEG_CE, 0.7", "ACCURACY, 0.7", "MARGIN, 0.7"})
  void everySingleFlipDeltaEqualsAFreshForwardOfTheFlippedNetwork(SampleReward reward, double tau) {
    Setup s = setup(reward, 2, tau);
    FlipEvaluator flips = new FlipEvaluator(reward);
    FlipEvaluator.Scratch scratch = new FlipEvaluator.Scratch(s.net());
    double[][] d = new double[s.net().layers()][];
    double[][] delta = new double[s.net().layers()][];
    for (int l = 0; l < s.net().layers(); l++) {
      d[l] = new double[BATCH * s.net().outputs(l)];
      delta[l] = new double[s.net().outputs(l) * s.net().inputs(l)];
    }
    flips.allFlips(s.net(), s.pass(), d, delta);
    double base = s.pass().rewardSum();
    int changing = 0;
    for (int l = 0; l < s.net().layers(); l++) {
      for (int j = 0; j < s.net().outputs(l); j++) {
        for (int i = 0; i < s.net().inputs(l); i++) {
          BitNet flipped = s.net().copy();
          flipped.flip(l, j, i);
          double expected = fresh(s, flipped) - base;
          double single = flips.flipDelta(s.net(), s.pass(), l, j, i, scratch);
          String where = reward + " layer " + l + " w[" + j + "][" + i + "]";
          assertEquals(expected, single, tolerance(reward) * BATCH, where + " (single)");
          assertEquals(expected, delta[l][j * s.net().inputs(l) + i], tolerance(reward) * BATCH, where + " (all)");
          if (expected != 0) {
            changing++;
          }
        }
      }
    }
    assertEquals(base, s.pass().rewardSum(), "evaluating flips leaves the pass as it was");
    assertTrue(changing > 100, "flips that change the reward: " + changing);
  }

  @ParameterizedTest
  @CsvSource({"NEG_CE, 0", "ACCURACY, 0", "MARGIN, 0", "NEG_CE, 0.7"})
  void anAppliedFlipLeavesThePassOfTheFlippedNetwork(SampleReward reward, double tau) {
    Setup s = setup(reward, 3, tau);
    FlipEvaluator flips = new FlipEvaluator(reward);
    FlipEvaluator.Scratch scratch = new FlipEvaluator.Scratch(s.net());
    Random random = new Random(9);
    for (int k = 0; k < 60; k++) {
      int l = random.nextInt(s.net().layers());
      int j = random.nextInt(s.net().outputs(l));
      int i = random.nextInt(s.net().inputs(l));
      flips.applyFlip(s.net(), s.pass(), l, j, i, scratch);
      Pass expected = new Pass(s.net(), BATCH);
      s.eval().forward(s.net(), s.centering(), s.input(), s.labels(), BATCH, expected);
      for (int m = 0; m < s.net().layers(); m++) {
        assertArrayEquals(expected.z[m], s.pass().z[m], "dots of layer " + m + " after flip " + k);
        assertArrayEquals(expected.thresholds[m], s.pass().thresholds[m]);
        if (m + 1 < s.net().layers()) {
          assertArrayEquals(expected.activations[m], s.pass().activations[m]);
        }
      }
      assertArrayEquals(expected.reward, s.pass().reward, "rewards after flip " + k);
      assertArrayEquals(expected.predicted, s.pass().predicted);
      assertArrayEquals(expected.exps, s.pass().exps, "the neg-ce cache after flip " + k);
      assertArrayEquals(expected.maxScore, s.pass().maxScore);
      // and the updated pass scores further flips as a fresh one does
      int l2 = random.nextInt(s.net().layers());
      int j2 = random.nextInt(s.net().outputs(l2));
      int i2 = random.nextInt(s.net().inputs(l2));
      BitNet flipped = s.net().copy();
      flipped.flip(l2, j2, i2);
      assertEquals(fresh(s, flipped) - expected.rewardSum(), flips.flipDelta(s.net(), s.pass(), l2, j2, i2, scratch),
          tolerance(reward) * BATCH, "a flip scored after flip " + k);
    }
  }

  @ParameterizedTest
  @CsvSource({"NEG_CE, 0", "ACCURACY, 0", "MARGIN, 0", "NEG_CE, 0.7"})
  void aReplacedRowEqualsAFreshForward(SampleReward reward, double tau) {
    Setup s = setup(reward, 4, tau);
    FlipEvaluator flips = new FlipEvaluator(reward);
    FlipEvaluator.Scratch scratch = new FlipEvaluator.Scratch(s.net());
    Random random = new Random(5);
    double base = s.pass().rewardSum();
    for (int l = 0; l < s.net().layers(); l++) {
      for (int j = 0; j < s.net().outputs(l); j++) {
        BitNet changed = s.net().copy();
        for (int k = 0; k < 5; k++) {
          changed.flip(l, j, random.nextInt(s.net().inputs(l)));
        }
        long[] row = new long[s.net().rowLongs(l)];
        System.arraycopy(changed.rows(l), j * row.length, row, 0, row.length);
        assertEquals(fresh(s, changed) - base, flips.rowDelta(s.net(), s.pass(), l, j, row, scratch),
            tolerance(reward) * BATCH, reward + " layer " + l + " row " + j);
      }
    }
  }
}
