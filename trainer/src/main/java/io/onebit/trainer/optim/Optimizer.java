package io.onebit.trainer.optim;

import io.onebit.trainer.state.TrainingState;
import java.util.List;

/**
 * Updates parameters from their gradients; one instance owns the state of its parameters.
 *
 * <p>Weight decay, where an optimizer has it, is L2 on the parameters it is given
 * (g ← g + λ·w, as AdamBNN's PyTorch recipe): give each parameter group its own optimizer
 * through {@link OptimizerRouter} to decay latent weights but not BatchNorm's γ and β.
 */
public interface Optimizer {
  /** One update of every parameter with learning rate {@code lr}. Clips latent weights. */
  void step(List<Param> params, float lr);

  /** Writes the state between steps (moments, counters) under {@code prefix}, per parameter by name. */
  void saveState(TrainingState state, String prefix);

  /** Restores what {@link #saveState} wrote, for these parameters (found by name). */
  void restoreState(TrainingState state, String prefix, List<Param> params);
}
