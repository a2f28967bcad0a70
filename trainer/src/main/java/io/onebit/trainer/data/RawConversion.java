package io.onebit.trainer.data;

import io.onebit.model.InputSpec;
import io.onebit.model.SampleType;
import java.util.function.IntFunction;

/**
 * Turns numbers read from a file (CSV cells, float or wide integer arrays) into the raw integers a
 * device would deliver, per channel c (element i has channel i mod C):
 *
 * <ul>
 *   <li>when every value of the channel is an integer that a 16-bit type holds, it is kept as it is
 *       (fraction bits f_c = 0);
 *   <li>otherwise it becomes 16-bit fixed point, raw = round(value · 2^f_c) (half away from zero),
 *       with f_c the largest integer in [−30, 30] such that max |value| · 2^f_c ≤ 32767: as many
 *       fraction bits as the channel's range allows. A device delivers its readings in that Q
 *       format; {@code predict} applies the same scale to new data (saturating).
 * </ul>
 *
 * The sample type is the smallest of uint8, int8, uint16, int16 holding every raw value. NaN and
 * infinite values are refused, naming the element.
 */
public final class RawConversion {
  /** The converted samples and their per-channel fraction bits (null when all are 0). */
  public record Result(RawSamples raw, int[] fractionBits) {}

  /** Values by flat index (sample-major, HWC). */
  @FunctionalInterface
  public interface Values {
    double get(int i);
  }

  private RawConversion() {}

  /**
   * @param file names the source in error messages
   * @param where names element i in error messages, e.g. "row 5, column 'x2'"
   */
  public static Result convert(String file, Values values, int length, int channels, IntFunction<String> where) {
    double[] maxAbs = new double[channels];
    double[] min = new double[channels];
    double[] max = new double[channels];
    boolean[] integral = new boolean[channels];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    java.util.Arrays.fill(integral, true);
    for (int i = 0; i < length; i++) {
      double v = values.get(i);
      if (!Double.isFinite(v)) {
        throw new DataFormatException(file, where.apply(i) + ": " + v + " is not a finite number");
      }
      int c = i % channels;
      maxAbs[c] = Math.max(maxAbs[c], Math.abs(v));
      min[c] = Math.min(min[c], v);
      max[c] = Math.max(max[c], v);
      integral[c] &= v == Math.rint(v);
    }
    int[] fractionBits = new int[channels];
    boolean[] scaled = new boolean[channels];
    for (int c = 0; c < channels; c++) {
      boolean fits = length == 0 || integral[c] && min[c] >= SampleType.INT16.min() && max[c] <= SampleType.UINT16.max()
          && (min[c] >= 0 || max[c] <= SampleType.INT16.max());
      scaled[c] = !fits;
    }
    SampleType type = SampleType.UINT8;
    for (int attempt = 0; attempt < 2 && length > 0; attempt++) {
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      for (int c = 0; c < channels; c++) {
        fractionBits[c] = scaled[c] ? fractionBits(maxAbs[c]) : 0;
        lo = Math.min(lo, toRaw(min[c], fractionBits[c]));
        hi = Math.max(hi, toRaw(max[c], fractionBits[c]));
      }
      type = SampleType.smallestHolding(lo, hi);
      if (type != null) {
        break;
      }
      // Unsigned integer channels above 32767 beside negative ones: no type holds both, so those
      // channels go to fixed point too, and everything is int16.
      for (int c = 0; c < channels; c++) {
        scaled[c] |= max[c] > SampleType.INT16.max();
      }
    }
    if (type == null) {
      type = SampleType.INT16;
    }
    boolean anyFraction = false;
    for (int c = 0; c < channels; c++) {
      anyFraction |= fractionBits[c] != 0;
    }
    RawSamples raw = RawSamples.allocate(type, length);
    for (int i = 0; i < length; i++) {
      int c = i % channels;
      raw.set(i, type.saturate(toRaw(values.get(i), fractionBits[c])));
    }
    return new Result(raw, anyFraction ? fractionBits : null);
  }

  /** The largest f in [−30, 30] with maxAbs · 2^f ≤ 32767 (30 for an all-zero channel). */
  static int fractionBits(double maxAbs) {
    int f = InputSpec.MAX_FRACTION_BITS;
    while (f > -InputSpec.MAX_FRACTION_BITS && Math.scalb(maxAbs, f) > SampleType.INT16.max()) {
      f--;
    }
    return f;
  }

  /** round(value · 2^f), half away from zero. */
  public static long toRaw(double value, int f) {
    double scaled = Math.scalb(value, f);
    return (long) (scaled < 0 ? -Math.floor(-scaled + 0.5) : Math.floor(scaled + 0.5));
  }
}
