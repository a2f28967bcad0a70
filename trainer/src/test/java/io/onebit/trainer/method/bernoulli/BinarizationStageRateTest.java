package io.onebit.trainer.method.bernoulli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.method.Stage;
import io.onebit.trainer.train.LearningRateSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --bernoulli-binarize-lr-scale} multiplies the binarisation stage's rates and only those. */
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
}
