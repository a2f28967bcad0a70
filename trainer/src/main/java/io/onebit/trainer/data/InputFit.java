package io.onebit.trainer.data;

import io.onebit.model.InputMap;

/**
 * Fits the deploy model's per-channel {@link InputMap} (raw integers to 0..255) on the training
 * split. Per channel c, over every element of every training sample:
 *
 * <pre>
 *   low_c  = the P-th percentile,  high_c = the (100 − P)-th percentile     (P = clip percent; 0: min and max)
 * </pre>
 *
 * then low_c ↦ 0 and high_c ↦ 255 ({@link InputMap#fit}); values outside are clipped, so P &gt; 0
 * spends the 8 bits on the bulk of the data rather than on rare outliers. Percentiles come from an
 * exact histogram of the integer values (nearest rank). uint8 data whose channels span 0..255 gets
 * the identity, which the deploy model leaves out.
 */
public final class InputFit {
  private InputFit() {}

  /**
   * @param clipPercent P in [0, 50)
   * @return the fitted map, or null when it is the identity on uint8 data
   */
  public static InputMap fit(Dataset train, double clipPercent) {
    if (!(clipPercent >= 0 && clipPercent < 50)) {
      throw new IllegalArgumentException("--input-clip must be in [0, 50) percent, got " + clipPercent);
    }
    if (train.count() == 0) {
      throw new IllegalArgumentException(train.name() + ": no training samples to fit the input map on");
    }
    int channels = train.channels();
    RawSamples raw = train.raw();
    int offset = raw.type().min();
    int span = raw.type().max() - offset + 1;
    long[][] histogram = new long[channels][span];
    for (int i = 0; i < raw.length(); i++) {
      histogram[i % channels][raw.get(i) - offset]++;
    }
    long perChannel = (long) raw.length() / channels;
    int[] low = new int[channels];
    int[] high = new int[channels];
    for (int c = 0; c < channels; c++) {
      long drop = (long) Math.floor(perChannel * clipPercent / 100.0);
      low[c] = offset + rank(histogram[c], drop);
      high[c] = offset + rank(histogram[c], perChannel - 1 - drop);
    }
    InputMap map = InputMap.fit(low, high);
    return raw.type() == io.onebit.model.SampleType.UINT8 && map.isIdentity() ? null : map;
  }

  /** The value of 0-based rank {@code k} in the sorted data the histogram counts. */
  private static int rank(long[] histogram, long k) {
    long seen = 0;
    for (int v = 0; v < histogram.length; v++) {
      seen += histogram[v];
      if (seen > k) {
        return v;
      }
    }
    return histogram.length - 1;
  }
}
