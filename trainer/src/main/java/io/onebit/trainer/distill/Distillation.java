package io.onebit.trainer.distill;

import io.onebit.model.DeployModel;

/**
 * Knowledge distillation settings: train the student on a mix of the labels and a teacher's
 * softened class probabilities (Hinton, Vinyals and Dean 2015, "Distilling the knowledge in a
 * neural network"). The teacher is any deploy model for the same images and classes, typically
 * a larger onebit network (LFC, a CNN) whose accuracy the small one should approach.
 *
 * @param teacher the teacher network, run by the golden model on exactly the (shifted) images the
 *     student sees
 * @param weight α ∈ [0, 1]: the share of the distillation term (0: labels only)
 * @param temperature T &gt; 0 that softens both distributions (1: plain softmax)
 */
public record Distillation(DeployModel teacher, float weight, float temperature) {
  /** α and T of the {@code train} command; docs/mnist-results.md §8 compares them. */
  public static final float DEFAULT_WEIGHT = 0.7f;
  public static final float DEFAULT_TEMPERATURE = 2f;

  public Distillation {
    if (teacher == null) {
      throw new IllegalArgumentException("distillation needs a teacher model");
    }
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("distillation weight must be in [0, 1], got " + weight);
    }
    if (!(temperature > 0) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException("distillation temperature must be positive, got " + temperature);
    }
  }
}
