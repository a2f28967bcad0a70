package io.onebit.codegen;

import io.onebit.model.BitPacking;
import io.onebit.model.BitplaneConvSignLayer;

/**
 * The optimised bitplane kernel's byte masks (see bitplane_conv_sign.h): per filter o and window row
 * ky, {@code rowWords = ceil(kw * in_c / 4)} words whose byte j (tap kx = j / in_c, channel j % in_c)
 * is 0xFF where the weight is 1 (-1) and 0 elsewhere, so (window AND mask) keeps exactly the inputs
 * that enter the dot product negatively.
 */
final class BitplaneMasks {
  private BitplaneMasks() {}

  static int rowWords(BitplaneConvSignLayer layer) {
    return (layer.kernelWidth() * layer.inChannels() + 3) / 4;
  }

  /** Words of the window buffer: the optimised window, or one pixel's plane for the reference (the larger). */
  static int windowWords(BitplaneConvSignLayer layer) {
    return Math.max(layer.kernelHeight() * rowWords(layer), BitPacking.words(layer.inChannels()));
  }

  static int[] of(BitplaneConvSignLayer layer) {
    int kh = layer.kernelHeight();
    int kw = layer.kernelWidth();
    int channels = layer.inChannels();
    int pixelWords = BitPacking.words(channels);
    int rowWords = rowWords(layer);
    int[] masks = new int[layer.outChannels() * kh * rowWords];
    int[] w = layer.weights();
    for (int o = 0; o < layer.outChannels(); o++) {
      for (int ky = 0; ky < kh; ky++) {
        for (int j = 0; j < kw * channels; j++) {
          int kx = j / channels;
          int c = j % channels;
          int bit = (w[((o * kh + ky) * kw + kx) * pixelWords + c / 32] >>> (c % 32)) & 1;
          masks[(o * kh + ky) * rowWords + j / 4] |= (bit * 0xFF) << (8 * (j % 4));
        }
      }
    }
    return masks;
  }
}
