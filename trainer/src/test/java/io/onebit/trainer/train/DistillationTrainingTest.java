package io.onebit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.distill.Distillation;
import io.onebit.trainer.fold.Fold;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Distillation on fully connected and convolutional students, against a teacher folded from a trained network. */
class DistillationTrainingTest {
  private static final Dataset TRAIN = SyntheticImages.make(1500, 1);
  private static final Dataset TEST = SyntheticImages.make(400, 2);

  private static TrainConfig config(String arch, int augmentShift) {
    return Configs.small(arch, 3, 5, augmentShift);
  }

  private static TrainingResult train(TrainConfig config) {
    return Trainer.train(config, TRAIN, TEST, TrainingListener.NONE);
  }

  private static DeployModel teacher() {
    return Fold.toDeployModel(train(config("sfc", 1)).network(), "teacher", Map.of());
  }

  private static int[] predictions(DeployModel model, Dataset data) {
    GoldenModel golden = new GoldenModel(model);
    int[] out = new int[data.count()];
    for (int i = 0; i < out.length; i++) {
      out[i] = golden.infer(data.sample(i)).predictedClass();
    }
    return out;
  }

  @Test
  void aZeroShareLeavesTrainingExactlyAsWithoutATeacher() {
    DeployModel teacher = teacher();
    TrainConfig plain = config("tfc", 1);
    TrainingResult without = train(plain);
    TrainingResult with = train(plain.withDistillation(new Distillation(teacher, 0, 2)));
    assertArrayEquals(without.network().weightLayers().get(0).latent().value(),
        with.network().weightLayers().get(0).latent().value());
    assertArrayEquals(without.testPredictions(), with.testPredictions());
  }

  @Test
  void aStudentTaughtOnlyByTheTeacherLearnsItsAnswers() {
    DeployModel teacher = teacher();
    int[] teacherAnswers = predictions(teacher, TEST);
    TrainConfig onlyTeacher = config("tfc", 1).withDistillation(new Distillation(teacher, 1, 2));
    TrainingResult student = train(onlyTeacher);
    int agree = 0;
    for (int i = 0; i < teacherAnswers.length; i++) {
      agree += student.testPredictions()[i] == teacherAnswers[i] ? 1 : 0;
    }
    assertTrue(agree > 0.9 * teacherAnswers.length, "agrees with the teacher on " + agree + "/" + TEST.count());
  }

  @Test
  void convolutionalStudentsDistilToo() {
    DeployModel teacher = teacher();
    TrainConfig plain = Configs.small(ConvTrainerTest.THRESHOLD, 2, 3, 1).with(Trainer.STATISTICS_SAMPLES, 500);
    TrainingResult without = train(plain);
    TrainingResult zeroShare = train(plain.withDistillation(new Distillation(teacher, 0, 2)));
    assertArrayEquals(without.testPredictions(), zeroShare.testPredictions());
    TrainingResult taught = train(plain.withDistillation(new Distillation(teacher, 1, 2)));
    assertTrue(taught.testAccuracy() > 0.9, "accuracy " + taught.testAccuracy());
  }
}
