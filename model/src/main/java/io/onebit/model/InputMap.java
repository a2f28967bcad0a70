package io.onebit.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;

/**
 * A per-channel integer affine map from raw input integers to the 8-bit values the bitplane first
 * layer reads, executed identically by the golden model and the C ({@code onebit_input_map}):
 *
 * <pre>
 *   x' = min(max(x, low[c]), high[c])                        clip to the fitted range
 *   q  = ((x' − low[c]) · multiplier[c]) >> shift            in unsigned 32-bit arithmetic, 0 ≤ q ≤ 255
 * </pre>
 *
 * with c the element's channel (HWC: element i has channel i mod C). The product cannot wrap:
 * validation demands (high − low) · multiplier < 2^32 and ((high − low) · multiplier) >> shift ≤ 255.
 * {@link #fit} derives it from a range [low, high] per channel with shift 24 and
 * multiplier = ceil(255 · 2^24 / (high − low)), so low maps to 0 and high to 255 exactly; the range
 * [0, 255] gives multiplier 2^24, the identity.
 *
 * @param low per channel, the smallest raw value kept
 * @param high per channel, the largest raw value kept (≥ low)
 * @param multiplier per channel, the fixed-point scale
 * @param shift fraction bits of the multiplier, 0..31
 */
public record InputMap(int[] low, int[] high, int[] multiplier, int shift) {
  /** Fraction bits of {@link #fit}'s multipliers: 255 · 2^24 + 65535 still fits 32 bits. */
  public static final int FIT_SHIFT = 24;

  /** The map that sends [low[c], high[c]] onto [0, 255] for every channel (a constant channel maps to 0). */
  public static InputMap fit(int[] low, int[] high) {
    int[] multiplier = new int[low.length];
    for (int c = 0; c < low.length; c++) {
      long range = (long) high[c] - low[c];
      if (range < 0) {
        throw new IllegalArgumentException("channel " + c + ": high " + high[c] + " < low " + low[c]);
      }
      long m = range == 0 ? 0 : (255L << FIT_SHIFT) / range + ((255L << FIT_SHIFT) % range == 0 ? 0 : 1);
      multiplier[c] = (int) m; // < 2^32; stored as the int with the same bits
    }
    return new InputMap(low.clone(), high.clone(), multiplier, FIT_SHIFT);
  }

  public int channels() {
    return low.length;
  }

  /** q for a raw value {@code x} of channel {@code c}. */
  public int apply(int x, int c) {
    int clipped = Math.max(low[c], Math.min(high[c], x));
    long product = ((long) clipped - low[c]) * Integer.toUnsignedLong(multiplier[c]);
    return (int) (product >>> shift);
  }

  /** q of every element of a raw HWC sample, as the bitplane layer's unsigned bytes. */
  public byte[] apply(int[] raw) {
    byte[] q = new byte[raw.length];
    int channels = channels();
    for (int i = 0; i < raw.length; i++) {
      q[i] = (byte) apply(raw[i], i % channels);
    }
    return q;
  }

  /** Whether every channel maps [0, 255] onto itself (q = x): the map can be left out of a uint8 model. */
  @JsonIgnore
  public boolean isIdentity() {
    for (int c = 0; c < channels(); c++) {
      if (low[c] != 0 || high[c] != 255) {
        return false;
      }
      for (int x = 0; x <= 255; x++) {
        if (apply(x, c) != x) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The smallest raw value x of channel c with q(x) ≥ {@code t}, searched in [min, max]; max + 1 when
   * none reaches t. A threshold on q equals this threshold on the raw value, because q never decreases
   * as x grows: this turns "q ≥ t" into a per-channel raw threshold.
   */
  public int rawThreshold(int c, int t, int min, int max) {
    if (apply(min, c) >= t) {
      return min;
    }
    if (apply(max, c) < t) {
      return max + 1;
    }
    int lo = min; // q(lo) < t
    int hi = max; // q(hi) >= t
    while (hi - lo > 1) {
      int mid = (int) (((long) lo + hi) >> 1);
      if (apply(mid, c) >= t) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  void validate(int channels, SampleType type) {
    if (low == null || high == null || multiplier == null) {
      throw new ModelFormatException("input map: low, high and multiplier are required");
    }
    if (low.length != channels || high.length != channels || multiplier.length != channels) {
      throw new ModelFormatException("input map: expected " + channels + " values per field (one per channel), got "
          + low.length + ", " + high.length + ", " + multiplier.length);
    }
    if (shift < 0 || shift > 31) {
      throw new ModelFormatException("input map: shift must be in [0, 31], got " + shift);
    }
    for (int c = 0; c < channels; c++) {
      if (!type.holds(low[c]) || !type.holds(high[c]) || low[c] > high[c]) {
        throw new ModelFormatException("input map channel " + c + ": range [" + low[c] + ", " + high[c]
            + "] is not an ordered " + type.jsonName() + " range");
      }
      long product = ((long) high[c] - low[c]) * Integer.toUnsignedLong(multiplier[c]);
      if (product >= 1L << 32 || product >>> shift > 255) {
        throw new ModelFormatException("input map channel " + c + ": (high - low) * multiplier = " + product
            + " overflows 32 bits or maps above 255");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputMap m && shift == m.shift && Arrays.equals(low, m.low) && Arrays.equals(high, m.high)
        && Arrays.equals(multiplier, m.multiplier);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * Arrays.hashCode(low) + Arrays.hashCode(high)) + Arrays.hashCode(multiplier)) + shift;
  }

  @Override
  public String toString() {
    return "InputMap[low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + ", multiplier="
        + Arrays.toString(multiplier) + ", shift=" + shift + "]";
  }
}
