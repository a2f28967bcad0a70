package io.onebit.trainer.quant;

import io.onebit.trainer.hyper.Algorithm;
import io.onebit.trainer.hyper.Registry;
import java.util.List;

/** The quantizers by name: activations ({@code --quantizer}) and latent weights ({@code --weight-quantizer}). */
public final class Quantizers {
  private Quantizers() {}

  /** Activation quantizers of the gradient methods; sign forward, each its own backward. */
  public static final Registry<Quantizer> ACTIVATIONS = new Registry<>("quantizer", "quantizer", SteSign.NAME,
      "activation quantizer: its backward pseudo-gradient",
      new Algorithm<>(SteSign.NAME, "straight-through estimator, hard-tanh cancel (BinaryNet)", List.of(SteSign.CLIP),
          s -> new SteSign(s.get(SteSign.CLIP))),
      new Algorithm<>(ApproxSign.NAME, "piecewise-quadratic backward (Bi-Real Net)", List.of(), s -> new ApproxSign()),
      new Algorithm<>(SwishSign.NAME, "SignSwish backward (BNN+)", List.of(SwishSign.BETA),
          s -> new SwishSign(s.get(SwishSign.BETA))),
      new Algorithm<>(StochasticSign.NAME, "random sign with p = hard_sigmoid(x) in training (BinaryNet)", List.of(),
          s -> new StochasticSign()));

  /** How latent weights become ±1 in the training forward. */
  public static final Registry<Quantizer> WEIGHTS = new Registry<>("weight-quantizer", "weight quantizer",
      PlainSign.NAME, "binarization of the latent weights while training (fold always deploys sign(W))",
      new Algorithm<>(PlainSign.NAME, "deterministic sign(W)", List.of(), s -> new PlainSign()),
      new Algorithm<>(StochasticSign.NAME, "random sign with p = hard_sigmoid(W) per step (BinaryNet)", List.of(),
          s -> new StochasticSign()));
}
