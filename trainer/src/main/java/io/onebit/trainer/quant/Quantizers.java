package io.onebit.trainer.quant;

import java.util.List;

/** Quantizers by their command-line name. */
public final class Quantizers {
  public static final List<String> NAMES = List.of(SteSign.NAME, ApproxSign.NAME, SwishSign.NAME, StochasticSign.NAME);

  private Quantizers() {}

  /**
   * @param clip the clip of {@code ste-sign}
   * @param beta the β of {@code swish-sign}
   */
  public static Quantizer named(String name, float clip, float beta) {
    return switch (name) {
      case SteSign.NAME -> new SteSign(clip);
      case ApproxSign.NAME -> new ApproxSign();
      case SwishSign.NAME -> new SwishSign(beta);
      case StochasticSign.NAME -> new StochasticSign();
      default -> throw new IllegalArgumentException("unknown quantizer '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    };
  }
}
