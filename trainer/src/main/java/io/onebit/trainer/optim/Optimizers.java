package io.onebit.trainer.optim;

import io.onebit.trainer.hyper.Algorithm;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.hyper.Registry;
import io.onebit.trainer.hyper.Settings;
import java.util.List;

/** The optimizers by name ({@code --optimizer}) and the per-stage optimizer of a network's parameters. */
public final class Optimizers {
  private Optimizers() {}

  /** β1 of Adam and AdaMax: decay of the gradient average. */
  public static final Hyperparameter<Float> BETA1 = Hyperparameter.real("beta1", 0.9f,
      Hyperparameter.closedOpen(0, 1), "adam, adamax, shift-adamax: decay of the gradient's moving average");
  /** β2 of Adam and AdaMax: decay of the second-moment (or infinity-norm) estimate. */
  public static final Hyperparameter<Float> BETA2 = Hyperparameter.real("beta2", 0.999f,
      Hyperparameter.closedOpen(0, 1), "adam, adamax, shift-adamax: decay of the squared-gradient estimate");
  /** ε of Adam and AdaMax. */
  public static final Hyperparameter<Float> EPSILON = Hyperparameter.real("epsilon", 1e-8f, Hyperparameter.positive(),
      "adam, adamax, shift-adamax: added to the denominator");

  public static final Registry<OptimizerKind> REGISTRY = new Registry<>("optimizer", "optimizer", Adam.NAME,
      "optimizer of the binary (latent) weights; BatchNorm's gamma and beta get the same kind without decay"
          + " (Adam under bop)",
      new Algorithm<>(Adam.NAME, "Adam (AdamBNN's choice)", List.of(BETA1, BETA2, EPSILON),
          s -> decay -> new Adam(moments(s), decay)),
      new Algorithm<>(Sgd.NAME, "SGD with heavy-ball momentum", List.of(Sgd.MOMENTUM),
          s -> decay -> new Sgd(s.get(Sgd.MOMENTUM), decay)),
      new Algorithm<>(AdaMax.NAME, "AdaMax (BinaryNet)", List.of(BETA1, BETA2, EPSILON),
          s -> decay -> new AdaMax(moments(s), decay)),
      new Algorithm<>(ShiftAdaMax.NAME, "shift-based AdaMax (BinaryNet, Algorithm 4)", List.of(BETA1, BETA2, EPSILON),
          s -> decay -> new ShiftAdaMax(moments(s), decay)),
      new Algorithm<>(Bop.NAME, "Bop: flips binary weights on a thresholded gradient average (Helwegen et al.)",
          List.of(Bop.THRESHOLD, Bop.GAMMA), Optimizers::bop));

  private static Adam.Moments moments(Settings s) {
    return new Adam.Moments(s.get(BETA1), s.get(BETA2), s.get(EPSILON));
  }

  private static OptimizerKind bop(Settings s) {
    Bop.Params params = new Bop.Params(s.get(Bop.THRESHOLD), s.get(Bop.GAMMA));
    return new OptimizerKind() {
      @Override
      public Optimizer create(float weightDecay) {
        if (weightDecay != 0) {
          throw new IllegalArgumentException("bop has no latent weights to decay: use --weight-decay 0 with --optimizer bop");
        }
        return new Bop(params);
      }

      @Override
      public boolean hasLatentWeights() {
        return false;
      }
    };
  }

  /**
   * A fresh optimizer for one stage: the chosen kind for the binary weights with decay
   * {@code decay}, and for the real parameters (BatchNorm's γ, β) the same kind without decay,
   * or Adam where the kind updates binary weights only (Bop).
   */
  public static Optimizer forStage(OptimizerKind kind, float decay) {
    Optimizer real = kind.hasLatentWeights() ? kind.create(0f) : new Adam(Adam.Moments.DEFAULT, 0f);
    return new OptimizerRouter(kind.create(decay), real);
  }
}
