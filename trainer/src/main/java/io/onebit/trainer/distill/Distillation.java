package io.onebit.trainer.distill;

import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Settings;
import java.nio.file.Path;

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
  /** The teacher's deploy-model file. */
  public static final Hyperparameter<Path> TEACHER = Hyperparameter.path("teacher",
      "distil from this deploy model (e.g. a trained lfc or CNN): the student learns its softened class"
          + " probabilities as well as the labels");
  /** α; docs/mnist-results.md §8 compares values. */
  public static final Hyperparameter<Float> WEIGHT = Hyperparameter.real("distill-weight", 0.7f,
      Hyperparameter.closed(0, 1), "share alpha of the teacher's term in the loss");
  /** T. */
  public static final Hyperparameter<Float> TEMPERATURE = Hyperparameter.real("distill-temperature", 2f,
      Hyperparameter.positive(), "temperature T softening both distributions");

  public Distillation {
    if (teacher == null) {
      throw new IllegalArgumentException("distillation needs a teacher model");
    }
    WEIGHT.check(weight, "distillation weight");
    TEMPERATURE.check(temperature, "distillation temperature");
  }

  /** The teacher the settings name, read from its file, or null when none is given. */
  public static Distillation from(Settings settings) {
    Path file = settings.get(TEACHER);
    if (file == null) {
      return null;
    }
    return new Distillation(DeployModelIo.read(file), settings.get(WEIGHT), settings.get(TEMPERATURE));
  }
}
