package io.onebit.trainer.method.bernoulli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.onebit.trainer.hyper.Settings;
import org.junit.jupiter.api.Test;

/**
 * {@code --bernoulli-reg-span}: over the whole run the scheduled regulariser weight reaches its end
 * value at the last step; over the probabilistic epochs it reaches it at the last probabilistic
 * step and stays there through the binarisation phase.
 */
class RegularizerSpanTest {
  private static final long BATCHES = 10;
  private static final int EPOCHS = 20;


  private static BernoulliMethod.Config config(String span) {
    return BernoulliMethod.of(Settings.defaults().with(BernoulliMethod.BINARIZE_FROM, 0.25f)
        .with(BernoulliMethod.REG_WEIGHT_END, 1e-2f).with(BernoulliMethod.REG_SPAN, span)).config();
  }

  /** Relative error 1e-6: the weights are floats (1e-7f, 1e-2f), about 1e-7 relative each. */
  private static void assertClose(double expected, double actual, String... what) {
    assertEquals(expected, actual, 1e-6 * expected, what.length == 0 ? null : what[0]);
  }

  @Test
  void overTheRunTheEndIsReachedAtTheLastStep() {
    BernoulliMethod.Config c = config("run");
    assertClose(1e-7, c.regularizerAt(0, BATCHES, EPOCHS));
    // 1e-7·(1e-2/1e-7)^(49/199) at the last probabilistic step (epoch 5 of 20, step 49 of 0..199)
    assertClose(1e-7 * Math.pow(1e5, 49 / 199.0), c.regularizerAt(49, BATCHES, EPOCHS));
    assertClose(1e-2, c.regularizerAt(199, BATCHES, EPOCHS));
  }

  @Test
  void overTheProbabilisticEpochsTheEndIsReachedWhenBinarisationStarts() {
    BernoulliMethod.Config c = config("probabilistic");
    assertClose(1e-7, c.regularizerAt(0, BATCHES, EPOCHS));
    // the probabilistic epochs are steps 0..49: 1e-7·(1e-2/1e-7)^(step/49)
    assertClose(1e-7 * Math.pow(1e5, 30 / 49.0), c.regularizerAt(30, BATCHES, EPOCHS));
    assertClose(1e-2, c.regularizerAt(49, BATCHES, EPOCHS));
    for (long step = 50; step < 200; step += 37) {
      assertClose(1e-2, c.regularizerAt(step, BATCHES, EPOCHS), "step " + step);
    }
  }

  @Test
  void theOptionIsCheckedWithOneLine() {
    Settings probabilistic = Settings.defaults().with(BernoulliMethod.REG_SPAN, "probabilistic");
    String[][] refused = {
        {"constant", "--bernoulli-reg-span probabilistic needs a scheduled --bernoulli-reg-schedule (linear,"
            + " exponential or cosine), not constant"},
        {"learned", "--bernoulli-reg-span probabilistic needs a scheduled --bernoulli-reg-schedule (linear,"
            + " exponential or cosine), not learned"}};
    for (String[] r : refused) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BernoulliMethod.of(probabilistic.with(BernoulliMethod.REG_SCHEDULE, r[0])));
      assertEquals(r[1], e.getMessage());
    }
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> BernoulliMethod.of(probabilistic.with(BernoulliMethod.BINARIZE_FROM, 0f)));
    assertEquals("--bernoulli-reg-span probabilistic needs probabilistic epochs (--binarize-from > 0)",
        none.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> RegularizerSpan.of("binarization"));
    assertEquals("unknown regulariser span 'binarization', expected one of [run, probabilistic]", unknown.getMessage());
  }
}
