package io.onebit.trainer.optim;

import io.onebit.trainer.state.TrainingState;
import java.util.List;
import java.util.Map;

/** Saving and restoring per-parameter optimizer slots (moments, velocities) by parameter name. */
final class ParamState {
  private ParamState() {}

  /** Writes each parameter's slots as {@code prefix + name + "." + slot index}. */
  static void save(Map<Param, float[][]> slots, TrainingState state, String prefix) {
    for (Map.Entry<Param, float[][]> e : slots.entrySet()) {
      float[][] s = e.getValue();
      for (int i = 0; i < s.length; i++) {
        state.putFloats(prefix + e.getKey().name() + "." + i, s[i]);
      }
    }
  }

  /** Rebuilds the slots of every parameter that has them in the state ({@code count} slots each). */
  static void restore(Map<Param, float[][]> slots, TrainingState state, String prefix, List<Param> params, int count) {
    slots.clear();
    for (Param p : params) {
      if (!state.has(prefix + p.name() + ".0")) {
        continue;
      }
      float[][] s = new float[count][p.size()];
      for (int i = 0; i < count; i++) {
        state.floatsInto(prefix + p.name() + "." + i, s[i]);
      }
      slots.put(p, s);
    }
  }
}
