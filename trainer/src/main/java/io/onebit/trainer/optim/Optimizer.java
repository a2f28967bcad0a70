package io.onebit.trainer.optim;

import java.util.List;

/** Updates parameters from their gradients; one instance owns the state of its parameters. */
public interface Optimizer {
  /** One update of every parameter with learning rate {@code lr}. Clips latent weights. */
  void step(List<Param> params, float lr);
}
