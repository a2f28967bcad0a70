package io.onebit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.InputSpec;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.distill.Distillation;
import io.onebit.trainer.fold.Fold;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Distillation in both training loops, against a teacher folded from a trained network. */
class DistillationTrainingTest {
  private static final Dataset TRAIN = SyntheticImages.make(1500, 1);
  private static final Dataset TEST = SyntheticImages.make(400, 2);

  private static TrainConfig config(String arch, int augmentShift) {
    return new TrainConfig(Architecture.named(arch), 3, 50, LearningRateSchedule.exponential(1e-2f, 1e-3f), 5, 128,
        augmentShift, 1000);
  }

  private static DeployModel teacher() {
    TrainingResult trained = new Trainer(config("sfc", 1)).train(TRAIN, TEST, TrainingListener.NONE);
    return Fold.toDeployModel(trained.network(), "teacher", InputSpec.thresholded(8, 8, 1, 128), Map.of());
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
    TrainingResult without = new Trainer(plain).train(TRAIN, TEST, TrainingListener.NONE);
    TrainingResult with = new Trainer(plain.withDistillation(new Distillation(teacher, 0, 2)))
        .train(TRAIN, TEST, TrainingListener.NONE);
    assertArrayEquals(without.network().dense(0).weights().value(), with.network().dense(0).weights().value());
    assertArrayEquals(without.testPredictions(), with.testPredictions());
  }

  @Test
  void aStudentTaughtOnlyByTheTeacherLearnsItsAnswers() {
    DeployModel teacher = teacher();
    int[] teacherAnswers = predictions(teacher, TEST);
    TrainConfig onlyTeacher = config("tfc", 1).withDistillation(new Distillation(teacher, 1, 2));
    TrainingResult student = new Trainer(onlyTeacher).train(TRAIN, TEST, TrainingListener.NONE);
    int agree = 0;
    for (int i = 0; i < teacherAnswers.length; i++) {
      agree += student.testPredictions()[i] == teacherAnswers[i] ? 1 : 0;
    }
    assertTrue(agree > 0.9 * teacherAnswers.length, "agrees with the teacher on " + agree + "/" + TEST.count());
  }

  @Test
  void convolutionalStudentsDistilToo() {
    DeployModel teacher = teacher();
    TrainConfig plain = new TrainConfig(ConvTrainerTest.THRESHOLD, 2, 50, LearningRateSchedule.exponential(1e-2f, 1e-3f),
        3, 128, 1, 500);
    ConvTrainingResult without = new ConvTrainer(plain).train(TRAIN, TEST, TrainingListener.NONE);
    ConvTrainingResult zeroShare = new ConvTrainer(plain.withDistillation(new Distillation(teacher, 0, 2)))
        .train(TRAIN, TEST, TrainingListener.NONE);
    assertArrayEquals(without.testPredictions(), zeroShare.testPredictions());
    ConvTrainingResult taught = new ConvTrainer(plain.withDistillation(new Distillation(teacher, 1, 2)))
        .train(TRAIN, TEST, TrainingListener.NONE);
    assertTrue(taught.testAccuracy() > 0.9, "accuracy " + taught.testAccuracy());
  }
}
