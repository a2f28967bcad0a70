package io.onebit.trainer.method.rl;

import io.onebit.trainer.state.TrainingState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named sums over an epoch's batches that become the epoch's method metrics as means per batch
 * (reward of the mode, of the population, flips made, ...). Part of a step's state, so a run
 * resumed mid-epoch reports the same figures as one never stopped.
 */
final class EpochTally {
  private final String[] names;
  private final double[] sums;
  private long batches;

  EpochTally(String... names) {
    this.names = names.clone();
    this.sums = new double[names.length];
  }

  /** Adds one batch's values, in the order of the names. */
  void add(double... values) {
    for (int i = 0; i < names.length; i++) {
      sums[i] += values[i];
    }
    batches++;
  }

  /** The means per batch since the last call, by name; then starts over. */
  Map<String, Double> takeMeans() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      out.put(names[i], batches == 0 ? 0 : sums[i] / batches);
      sums[i] = 0;
    }
    batches = 0;
    return out;
  }

  void save(TrainingState state, String prefix) {
    double[] copy = sums.clone();
    long[] bits = new long[copy.length + 1];
    for (int i = 0; i < copy.length; i++) {
      bits[i] = Double.doubleToRawLongBits(copy[i]);
    }
    bits[copy.length] = batches;
    state.putLongs(prefix + "tally", bits);
  }

  void restore(TrainingState state, String prefix) {
    long[] bits = state.longs(prefix + "tally");
    if (bits.length != sums.length + 1) {
      throw new IllegalStateException("the saved " + prefix + "tally has " + (bits.length - 1) + " figures, expected "
          + sums.length);
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] = Double.longBitsToDouble(bits[i]);
    }
    batches = bits[sums.length];
  }
}
