package io.onebit.trainer.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.onebit.model.RandomModels;
import io.onebit.model.InputSpec;
import io.onebit.trainer.loss.SoftmaxCrossEntropy;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistillationLossTest {
  private static final int BATCH = 6;
  private static final int CLASSES = 5;
  private static final byte[] LABELS = {0, 4, 2, 1, 3, 2};
  private static final int[] INDEX = {0, 1, 2, 3, 4, 5};

  private static float[] randomScores(long seed, float spread) {
    Random random = new Random(seed);
    float[] x = new float[BATCH * CLASSES];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian() * spread;
    }
    return x;
  }

  private static DistillationLoss loss(float weight, float temperature, float[] teacher) {
    DistillationLoss loss = new DistillationLoss(weight, temperature);
    System.arraycopy(teacher, 0, loss.teacherLogits(teacher.length), 0, teacher.length);
    return loss;
  }

  @Test
  void withoutTheTeachersShareItIsPlainCrossEntropy() {
    float[] scores = randomScores(1, 3);
    float[] expectedGrad = new float[scores.length];
    float[] grad = new float[scores.length];
    int[] expectedCorrect = {0};
    int[] correct = {0};
    double expected = SoftmaxCrossEntropy.lossAndGradient(scores, BATCH, CLASSES, LABELS, INDEX, expectedGrad,
        expectedCorrect);
    double actual = loss(0, 3, randomScores(2, 3)).lossAndGradient(scores, BATCH, CLASSES, LABELS, INDEX, grad, correct);
    assertEquals(expected, actual, 1e-9);
    assertArrayEquals(expectedGrad, grad, 1e-7f);
    assertEquals(expectedCorrect[0], correct[0]);
  }

  @Test
  void gradientMatchesCentralDifferences() {
    float[] scores = randomScores(3, 2);
    DistillationLoss loss = loss(0.6f, 3f, randomScores(4, 4));
    float[] grad = new float[scores.length];
    loss.lossAndGradient(scores, BATCH, CLASSES, LABELS, INDEX, grad, new int[1]);
    float h = 1e-2f;
    for (int i = 0; i < scores.length; i++) {
      float keep = scores[i];
      scores[i] = keep + h;
      double up = loss.lossAndGradient(scores, BATCH, CLASSES, LABELS, INDEX, new float[scores.length], new int[1]);
      scores[i] = keep - h;
      double down = loss.lossAndGradient(scores, BATCH, CLASSES, LABELS, INDEX, new float[scores.length], new int[1]);
      scores[i] = keep;
      // the returned loss is summed over the batch; the gradient is of the batch mean
      assertEquals((up - down) / (2 * h) / BATCH, grad[i], 2e-4, "score " + i);
    }
  }

  @Test
  void aStudentThatMatchesItsTeacherFeelsNoPullFromIt() {
    float[] scores = randomScores(5, 2);
    float[] grad = new float[scores.length];
    double value = loss(1, 2.5f, scores.clone()).lossAndGradient(scores, BATCH, CLASSES, LABELS, INDEX, grad, new int[1]);
    assertEquals(0, value, 1e-9);
    assertArrayEquals(new float[scores.length], grad, 1e-7f);
  }

  @Test
  void settingsOutsideTheirRangeAreRefused() {
    var teacher = RandomModels.dense("t", InputSpec.thresholded(4, 4, 1, 128), new int[] {8, 3}, new Random(1));
    assertThrows(IllegalArgumentException.class, () -> new Distillation(teacher, 1.5f, 2));
    assertThrows(IllegalArgumentException.class, () -> new Distillation(teacher, 0.5f, 0));
    assertThrows(IllegalArgumentException.class, () -> new Distillation(null, 0.5f, 2));
  }
}
