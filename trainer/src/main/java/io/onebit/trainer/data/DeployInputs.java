package io.onebit.trainer.data;

import io.onebit.model.InputMap;
import io.onebit.model.InputSpec;
import io.onebit.model.SampleType;

/**
 * The deploy model's input spec for a network trained on a dataset's 8-bit view: the data's sample
 * type, shape and fraction bits, and the map the trainer's bytes came through, so the firmware takes
 * the raw integers.
 *
 * <ul>
 *   <li>bitplanes: the map (left out for uint8 data read as it is);
 *   <li>threshold: the network learnt on "byte ≥ T"; with a map that is "raw ≥ t_c" per channel,
 *       t_c = {@link InputMap#rawThreshold}, exactly (q never decreases as raw grows). uint8 data
 *       read as it is keeps the one threshold T (the form older models have).
 * </ul>
 */
public final class DeployInputs {
  private DeployInputs() {}

  /** @param threshold T of a threshold network (ignored for bitplanes) */
  public static InputSpec of(boolean bitplanes, int threshold, Dataset train) {
    int h = train.rows();
    int w = train.cols();
    int c = train.channels();
    SampleType type = train.type();
    InputMap map = train.map();
    boolean plain = map == null && type == SampleType.UINT8 && train.fractionBits() == null;
    if (bitplanes) {
      return plain ? InputSpec.bitplanes(h, w, c) : InputSpec.bitplanes(h, w, c, type, map, train.fractionBits());
    }
    if (plain) {
      return InputSpec.thresholded(h, w, c, threshold);
    }
    int[] thresholds = new int[c];
    for (int k = 0; k < c; k++) {
      thresholds[k] = map == null ? Math.max(type.min(), Math.min(type.max() + 1, threshold))
          : map.rawThreshold(k, threshold, type.min(), type.max());
    }
    return InputSpec.thresholded(h, w, c, type, thresholds, train.fractionBits());
  }
}
