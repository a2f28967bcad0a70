package io.onebit.trainer.train;

import io.onebit.trainer.net.Network;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.state.TrainingState;
import java.util.ArrayList;
import java.util.List;

/**
 * The epoch a validation split picks: the parameters of the epoch with the best validation
 * accuracy (the first of equal ones), restored when training ends, and early stopping after
 * {@code patience} epochs without improvement (0: never).
 */
final class BestEpoch {
  private final int patience;
  private final List<float[]> saved = new ArrayList<>();
  private double bestAccuracy = -1;
  private int sinceBest;

  BestEpoch(Network network, int patience) {
    this.patience = patience;
    for (Param p : network.params()) {
      saved.add(p.value().clone());
    }
  }

  /** Records an epoch's validation accuracy; true when training should stop. */
  boolean afterEpoch(double accuracy, Network network) {
    if (accuracy > bestAccuracy) {
      bestAccuracy = accuracy;
      sinceBest = 0;
      List<Param> params = network.params();
      for (int i = 0; i < params.size(); i++) {
        System.arraycopy(params.get(i).value(), 0, saved.get(i), 0, saved.get(i).length);
      }
      return false;
    }
    sinceBest++;
    return patience > 0 && sinceBest >= patience;
  }

  /** Puts the best epoch's parameters back (the network then recomputes sign(W) and its statistics). */
  void restoreBest(Network network) {
    if (bestAccuracy < 0) {
      return;
    }
    List<Param> params = network.params();
    for (int i = 0; i < params.size(); i++) {
      System.arraycopy(saved.get(i), 0, params.get(i).value(), 0, saved.get(i).length);
    }
    network.refreshWeights();
  }

  double bestAccuracy() {
    return bestAccuracy;
  }

  void saveState(TrainingState state) {
    state.putDouble("best.accuracy", bestAccuracy);
    state.putLong("best.since", sinceBest);
    for (int i = 0; i < saved.size(); i++) {
      state.putFloats("best." + i, saved.get(i));
    }
  }

  void restoreState(TrainingState state) {
    bestAccuracy = state.getDouble("best.accuracy");
    sinceBest = (int) state.getLong("best.since");
    for (int i = 0; i < saved.size(); i++) {
      state.floatsInto("best." + i, saved.get(i));
    }
  }
}
