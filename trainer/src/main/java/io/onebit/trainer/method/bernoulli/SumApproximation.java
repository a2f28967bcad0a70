package io.onebit.trainer.method.bernoulli;

import java.util.List;
import java.util.Locale;

/**
 * How a Bernoulli unit's pre-activation z = Σ_k x_k·w_k is distributed ({@code --bernoulli-sum}).
 * With ±1 inputs, z = 2S − K where S, the number of +1 products, is Poisson binomial.
 */
public enum SumApproximation {
  /** The Poisson-binomial distribution by the study's recursion, O(K·W) per unit ({@link PoissonBinomial}). */
  EXACT,
  /** The central-limit normal N(m, v) from the mean and variance, O(K) per unit (two GEMMs). */
  NORMAL,
  /** The normal plus its first Edgeworth term from the third cumulant (refined normal approximation), O(K). */
  EDGEWORTH;

  /** The command-line name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> ids() {
    return List.of(EXACT.id(), NORMAL.id(), EDGEWORTH.id());
  }

  public static SumApproximation of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
