package io.onebit.model;

/** The integer semantics of {@link BitplaneConvSignLayer}: popcounts over the 8 bit planes. */
final class BitplaneConv {
  private BitplaneConv() {}

  static int[] apply(byte[] in, BitplaneConvSignLayer layer) {
    ConvGeometry g = layer.geometry();
    int channels = layer.inChannels();
    int pixelWords = BitPacking.words(channels);
    int taps = layer.kernelHeight() * layer.kernelWidth();
    int planeWords = BitplaneConvSignLayer.PLANES * pixelWords;
    TensorShape outShape = layer.outputShape();
    int outPixelWords = outShape.pixelWords();
    int[] out = new int[outShape.words()];
    // The window's planes, [tap][k][word], extracted once per output pixel for all filters;
    // padding pixels are 0 in every plane, so they add nothing.
    int[] window = new int[taps * planeWords];
    int[] w = layer.weights();
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        java.util.Arrays.fill(window, 0);
        for (int ky = 0; ky < layer.kernelHeight(); ky++) {
          int iy = oy * g.stride() + ky - g.padTop();
          for (int kx = 0; kx < layer.kernelWidth(); kx++) {
            int ix = ox * g.stride() + kx - g.padLeft();
            if (iy >= 0 && iy < layer.inHeight() && ix >= 0 && ix < layer.inWidth()) {
              planeBits(in, (iy * layer.inWidth() + ix) * channels, channels, window,
                  (ky * layer.kernelWidth() + kx) * planeWords, pixelWords);
            }
          }
        }
        int outBase = (oy * g.outWidth() + ox) * outPixelWords;
        for (int o = 0; o < layer.outChannels(); o++) {
          int dot = 0;
          for (int tap = 0; tap < taps; tap++) {
            int filter = (o * taps + tap) * pixelWords;
            for (int k = 0; k < BitplaneConvSignLayer.PLANES; k++) {
              int plane = tap * planeWords + k * pixelWords;
              for (int c = 0; c < pixelWords; c++) {
                int bits = window[plane + c];
                dot += (Integer.bitCount(bits) - 2 * Integer.bitCount(bits & w[filter + c])) << k;
              }
            }
          }
          if (dot < layer.thresholds()[o]) {
            out[outBase + (o >>> 5)] |= 1 << (o & 31);
          }
        }
      }
    }
    return out;
  }

  /** The 8 bit planes of one pixel's channels into dst[at + k * pixelWords ..]: bit c of plane k = bit k of byte c. */
  private static void planeBits(byte[] in, int pixel, int channels, int[] dst, int at, int pixelWords) {
    for (int c = 0; c < channels; c++) {
      int value = in[pixel + c] & 0xff;
      for (int k = 0; k < BitplaneConvSignLayer.PLANES; k++) {
        dst[at + k * pixelWords + (c >>> 5)] |= ((value >>> k) & 1) << (c & 31);
      }
    }
  }
}
