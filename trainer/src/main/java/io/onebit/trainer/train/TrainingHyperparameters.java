package io.onebit.trainer.train;

import io.onebit.trainer.data.ShiftAugmentation;
import io.onebit.trainer.distill.Distillation;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.method.TrainingMethods;
import io.onebit.trainer.net.BatchNorm;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.optim.Optimizers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every hyperparameter of a training run, each declared once by the class that reads it, in the
 * order the command line's help lists them. The CLI's options and the experiment configs' keys
 * are made from this list.
 */
public final class TrainingHyperparameters {
  private TrainingHyperparameters() {}

  public static List<Hyperparameter<?>> all() {
    List<Hyperparameter<?>> all = new ArrayList<>();
    all.addAll(List.of(Trainer.EPOCHS, Trainer.BATCH_SIZE, Trainer.SEED, Trainer.EARLY_STOP));
    all.addAll(TrainingMethods.REGISTRY.hyperparameters());
    all.addAll(Optimizers.REGISTRY.hyperparameters());
    all.addAll(LearningRateSchedule.REGISTRY.hyperparameters());
    all.addAll(List.of(BatchNorm.SHIFT_BASED, ShiftAugmentation.MAX_SHIFT, ShiftAugmentation.PROBABILITY,
        InputEncoding.THRESHOLD, Trainer.STATISTICS_SAMPLES, Trainer.TIME_BUDGET, Distillation.TEACHER,
        Distillation.WEIGHT, Distillation.TEMPERATURE));
    List<Hyperparameter<?>> unique = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Hyperparameter<?> h : all) {
      if (unique.contains(h)) {
        continue;
      }
      if (!names.add(h.name())) {
        throw new IllegalStateException("two hyperparameters are named " + h.option());
      }
      unique.add(h);
    }
    return unique;
  }

  /** The hyperparameter called {@code name} (kebab-case or snake_case), or null. */
  public static Hyperparameter<?> named(String name) {
    for (Hyperparameter<?> h : all()) {
      if (h.name().equals(name) || h.configKey().equals(name)) {
        return h;
      }
    }
    return null;
  }
}
