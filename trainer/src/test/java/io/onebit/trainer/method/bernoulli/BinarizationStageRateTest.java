package io.onebit.trainer.method.bernoulli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.method.Stage;
import io.onebit.trainer.train.LearningRateSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --bernoulli-binarize-lr-scale} multiplies the binarisation stage's rates and only those;
 * {@code --bernoulli-probabilistic-lr-end} ends the probabilistic stage's schedule at its own rate
 * and leaves the binarisation stage's alone.
 */
class BinarizationStageRateTest {
  @Test
  void onlyTheBinarizationStageIsScaled() {
    LearningRateSchedule schedule = LearningRateSchedule.exponential(1e-2f, 1e-5f);
    Settings s = Settings.defaults().with(BernoulliMethod.BINARIZE_LR_SCALE, 0.1f)
        .with(BernoulliMethod.BINARIZE_FROM, 0.3f);
    List<Stage> stages = BernoulliMethod.of(s).stages(10);
    assertEquals(List.of("probabilistic", "binarization"), stages.stream().map(Stage::name).toList());
    Stage probabilistic = stages.get(0);
    Stage binarization = stages.get(1);
    for (int e = 0; e < probabilistic.epochs(); e++) {
      assertEquals(schedule.at(e, probabilistic.epochs()), probabilistic.learningRate(schedule, e));
    }
    for (int e = 0; e < binarization.epochs(); e++) {
      assertEquals(0.1f * schedule.at(e, binarization.epochs()), binarization.learningRate(schedule, e), 1e-12);
    }
  }

  @Test
  void byDefaultBothStagesFollowTheSchedule() {
    LearningRateSchedule schedule = LearningRateSchedule.exponential(1e-2f, 1e-5f);
    for (Stage stage : BernoulliMethod.of(Settings.defaults()).stages(10)) {
      for (int e = 0; e < stage.epochs(); e++) {
        assertEquals(schedule.at(e, stage.epochs()), stage.learningRate(schedule, e));
      }
    }
  }

  @Test
  void theProbabilisticStageEndsAtItsOwnRate() {
    LearningRateSchedule schedule = LearningRateSchedule.exponential(1e-2f, 1e-5f);
    Settings s = Settings.defaults().with(BernoulliMethod.PROBABILISTIC_LR_END, 1e-3f)
        .with(BernoulliMethod.BINARIZE_FROM, 0.25f);
    List<Stage> stages = BernoulliMethod.of(s).stages(20);
    Stage probabilistic = stages.get(0);
    Stage binarization = stages.get(1);
    assertEquals(5, probabilistic.epochs());
    // 1e-2 · (1e-3/1e-2)^(e/4): 1e-2, 5.6e-3, 3.2e-3, 1.8e-3, 1e-3, not the run's decay to 1e-5.
    float[] expected = {1e-2f, 5.623413e-3f, 3.1622776e-3f, 1.7782794e-3f, 1e-3f};
    for (int e = 0; e < probabilistic.epochs(); e++) {
      assertEquals(expected[e], probabilistic.learningRate(schedule, e), expected[e] * 1e-5f);
    }
    for (int e = 0; e < binarization.epochs(); e++) {
      assertEquals(schedule.at(e, binarization.epochs()), binarization.learningRate(schedule, e));
    }
  }

  @Test
  void theProbabilisticEndRateKeepsTheRunsScheduleShape() {
    Settings s = Settings.defaults().with(LearningRateSchedule.REGISTRY.selector(), "linear")
        .with(BernoulliMethod.PROBABILISTIC_LR_END, 2e-3f).with(BernoulliMethod.BINARIZE_FROM, 0.5f);
    Stage probabilistic = BernoulliMethod.of(s).stages(10).get(0);
    LearningRateSchedule linear = LearningRateSchedule.linear(1e-2f, 1e-5f);
    for (int e = 0; e < probabilistic.epochs(); e++) {
      assertEquals(1e-2f - 8e-3f * e / 4, probabilistic.learningRate(linear, e), 1e-8);
    }
  }

  @Test
  void aScheduleWithoutAnEndRateIsRefused() {
    Settings s = Settings.defaults().with(LearningRateSchedule.REGISTRY.selector(), "constant")
        .with(BernoulliMethod.PROBABILISTIC_LR_END, 1e-3f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BernoulliMethod.of(s));
    assertEquals("--bernoulli-probabilistic-lr-end has no effect with --lr-schedule constant, which has no end rate",
        e.getMessage());
  }

  /** A stage's rate option where that stage never comes (by --binarize-from or its default) is refused. */
  @Test
  void aRateOfAStageThatNeverComesIsRefused() {
    Settings all = Settings.defaults().with(BernoulliMethod.BINARIZE, "all").with(BernoulliMethod.BINARIZE_LR_SCALE, 0.1f);
    assertEquals("--bernoulli-binarize-lr-scale has no effect with --binarize-from 1.0 (the default of --binarize all):"
        + " there is no binarisation phase (fold signs the weights after the last epoch)",
        assertThrows(IllegalArgumentException.class, () -> BernoulliMethod.of(all)).getMessage());
    Settings fromStart = Settings.defaults().with(BernoulliMethod.BINARIZE_FROM, 0f)
        .with(BernoulliMethod.PROBABILISTIC_LR_END, 1e-3f);
    assertEquals("--bernoulli-probabilistic-lr-end has no effect with --binarize-from 0.0: there are no probabilistic"
        + " epochs", assertThrows(IllegalArgumentException.class, () -> BernoulliMethod.of(fromStart)).getMessage());
    BernoulliMethod.of(Settings.defaults().with(BernoulliMethod.BINARIZE, "all").with(BernoulliMethod.BINARIZE_FROM, 0.5f)
        .with(BernoulliMethod.BINARIZE_LR_SCALE, 0.1f)); // both stages: fine
  }
}
