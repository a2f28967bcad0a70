package io.onebit.trainer.optim;

import io.onebit.trainer.state.TrainingState;
import java.util.ArrayList;
import java.util.List;

/**
 * Two parameter groups, two optimizers: binary (latent) weights go to one, real parameters
 * (BatchNorm γ and β) to the other. Bop needs this (it cannot update real values), and it is how
 * weight decay is set per group (AdamBNN decays the weights, not BatchNorm).
 */
public final class OptimizerRouter implements Optimizer {
  private final Optimizer binary;
  private final Optimizer real;
  private List<Param> binaryParams = List.of();
  private List<Param> realParams = List.of();
  private List<Param> lastSplit;

  public OptimizerRouter(Optimizer binary, Optimizer real) {
    this.binary = binary;
    this.real = real;
  }

  @Override
  public void step(List<Param> params, float lr) {
    if (params != lastSplit) {
      List<Param> b = new ArrayList<>();
      List<Param> r = new ArrayList<>();
      for (Param p : params) {
        (p.binary() ? b : r).add(p);
      }
      binaryParams = b;
      realParams = r;
      lastSplit = params;
    }
    binary.step(binaryParams, lr);
    real.step(realParams, lr);
  }

  @Override
  public void saveState(TrainingState state, String prefix) {
    binary.saveState(state, prefix + "binary.");
    real.saveState(state, prefix + "real.");
  }

  @Override
  public void restoreState(TrainingState state, String prefix, List<Param> params) {
    binary.restoreState(state, prefix + "binary.", params);
    real.restoreState(state, prefix + "real.", params);
  }
}
