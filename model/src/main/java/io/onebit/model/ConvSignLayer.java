package io.onebit.model;

/**
 * A binary 2-D convolution followed by (folded) BatchNorm and sign, on a packed HWC tensor.
 *
 * <p>Weights are packed as [out_channel][ky][kx][words(in_channels)], each tap's channel group
 * padded to whole words with 0 bits. For output pixel (y, x) and channel o, with K = kh*kw*in_c:
 *
 * <pre>
 *   p   = sum over taps (ky, kx) of popcount(in[y*s + ky - pad_top][x*s + kx - pad_left] XOR w[o][ky][kx])
 *   bit = p > thresholds[o] ? 1 : 0                     (bit 1 means -1)
 * </pre>
 *
 * A tap outside the input reads the padding value +1 (bit 0 in every channel), so it contributes
 * popcount(w[o][ky][kx]); training pads with +1 as well. Thresholds lie in [-1, K] as for dense.
 */
public record ConvSignLayer(
    int inHeight, int inWidth, int inChannels, int outChannels, int kernelHeight, int kernelWidth, int stride,
    String padding, int[] weights, int[] thresholds) implements ConvWindowLayer {
  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.convSign(this);
  }


  @Override
  public void validate(String where) {
    validateWindowAndFilters(where);
    Layer.validateLength(where, "thresholds", thresholds, outChannels);
    Layer.validateThresholds(where, thresholds, -1, fanIn());
  }
}
