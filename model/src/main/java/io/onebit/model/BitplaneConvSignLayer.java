package io.onebit.model;

/**
 * BinaryNet's 8-bit first layer as a convolution: the raw unsigned bytes x (HWC, one byte per
 * channel) meet ±1 weights, and BatchNorm+sign is folded into a threshold on the integer dot.
 *
 * <p>Writing x = sum_k 2^k b_k over its bit planes b_k (k = 0..7), the dot product of a window with
 * a filter w (bit 1 = -1, packed [out][ky][kx][words(in_c)] as in {@link ConvSignLayer}) is
 *
 * <pre>
 *   dot = sum_k 2^k (popcount(b_k) - 2 popcount(b_k AND w))
 *   bit = dot < thresholds[o] ? 1 : 0                  (bit 1 means -1)
 * </pre>
 *
 * Padding pixels are 0 (every plane bit 0), so they add nothing. With K = kh*kw*in_c, dot lies in
 * [-255K, 255K]; a threshold of 255K+1 makes the output constantly -1, -255K constantly +1.
 */
public record BitplaneConvSignLayer(
    int inHeight, int inWidth, int inChannels, int outChannels, int kernelHeight, int kernelWidth, int stride,
    String padding, int[] weights, int[] thresholds) implements ConvWindowLayer {
  /** Bit planes of the input. */
  public static final int PLANES = 8;

  /** Largest |dot|: 255 K. */
  public int maxAbsDot() {
    return 255 * fanIn();
  }

  /** None: the inputs are 8-bit, see {@link #int8Macs}. */
  @Override
  public long binaryMacs() {
    return 0;
  }

  /** Output elements x K, 8-bit inputs against 1-bit weights. */
  @Override
  public long int8Macs() {
    return (long) outputShape().elements() * fanIn();
  }

  /** Output elements x kh * kw * words(in_c) x 8 planes. */
  @Override
  public long xorWords() {
    return (long) outputShape().elements() * filterWords() * PLANES;
  }

  @Override
  public void validate(String where) {
    validateWindowAndFilters(where);
    if ((long) 255 * fanIn() > (1 << 24)) {
      throw new ModelFormatException(where + ": fan-in " + fanIn() + " is too large for an 8-bit input layer");
    }
    Layer.validateLength(where, "thresholds", thresholds, outChannels);
    Layer.validateThresholds(where, thresholds, -maxAbsDot(), maxAbsDot() + 1);
  }
}
