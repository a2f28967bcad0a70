package io.onebit.trainer.method;

import io.onebit.trainer.hyper.Algorithm;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Registry;
import io.onebit.trainer.method.bernoulli.BernoulliMethod;
import io.onebit.trainer.method.rl.GradientFreeMethods;
import io.onebit.trainer.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;

/** The training methods by name ({@code --method}). */
public final class TrainingMethods {
  private TrainingMethods() {}

  public static final Registry<TrainingMethod> REGISTRY = new Registry<>("method", "method", BinaryNetMethod.NAME,
      "training method",
      new Algorithm<>(BinaryNetMethod.NAME, "BinaryNet: STE, clipped latent weights, binary from the start",
          GradientSettings.hyperparameters(), s -> new BinaryNetMethod(GradientSettings.of(s))),
      new Algorithm<>(TwoStageMethod.NAME, "AdamBNN: real weights first, then binary", twoStage(), s -> {
        if (!Optimizers.REGISTRY.create(s).hasLatentWeights()) {
          throw new IllegalArgumentException("bop trains binary weights only: use it with --method ste");
        }
        return new TwoStageMethod(GradientSettings.of(s), s.get(TwoStageMethod.STAGE1_EPOCHS));
      }),
      new Algorithm<>(BernoulliMethod.NAME, "probabilistic Bernoulli weights (p = P(w = +1)), distributions"
          + " propagated, binarised at the end", BernoulliMethod.HYPERPARAMETERS, BernoulliMethod::of),
      GradientFreeMethods.RL, GradientFreeMethods.ES, GradientFreeMethods.LOCAL_SEARCH);

  private static List<Hyperparameter<?>> twoStage() {
    List<Hyperparameter<?>> all = new ArrayList<>(GradientSettings.hyperparameters());
    all.add(1, TwoStageMethod.STAGE1_EPOCHS);
    return all;
  }
}
