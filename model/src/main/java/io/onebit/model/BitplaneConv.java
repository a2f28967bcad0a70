package io.onebit.model;

/** The integer semantics of {@link BitplaneConvSignLayer}: popcounts over the 8 bit planes. */
final class BitplaneConv {
  private BitplaneConv() {}

  static int[] apply(byte[] in, BitplaneConvSignLayer layer) {
    ConvGeometry g = layer.geometry();
    int channels = layer.inChannels();
    int pixelWords = BitPacking.words(channels);
    TensorShape outShape = layer.outputShape();
    int outPixelWords = outShape.pixelWords();
    int[] out = new int[outShape.words()];
    int[] plane = new int[pixelWords];
    int[] w = layer.weights();
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        int outBase = (oy * g.outWidth() + ox) * outPixelWords;
        for (int o = 0; o < layer.outChannels(); o++) {
          int dot = 0;
          for (int ky = 0; ky < layer.kernelHeight(); ky++) {
            int iy = oy * g.stride() + ky - g.padTop();
            for (int kx = 0; kx < layer.kernelWidth(); kx++) {
              int ix = ox * g.stride() + kx - g.padLeft();
              if (iy < 0 || iy >= layer.inHeight() || ix < 0 || ix >= layer.inWidth()) {
                continue; // padding pixels are 0 in every plane
              }
              int pixel = (iy * layer.inWidth() + ix) * channels;
              int tap = ((o * layer.kernelHeight() + ky) * layer.kernelWidth() + kx) * pixelWords;
              for (int k = 0; k < BitplaneConvSignLayer.PLANES; k++) {
                planeBits(in, pixel, channels, k, plane);
                for (int c = 0; c < pixelWords; c++) {
                  dot += (Integer.bitCount(plane[c]) - 2 * Integer.bitCount(plane[c] & w[tap + c])) << k;
                }
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

  /** Bit plane k of one pixel's channels, packed: bit c = bit k of byte c. */
  private static void planeBits(byte[] in, int pixel, int channels, int k, int[] plane) {
    java.util.Arrays.fill(plane, 0);
    for (int c = 0; c < channels; c++) {
      plane[c >>> 5] |= (((in[pixel + c] & 0xff) >>> k) & 1) << (c & 31);
    }
  }
}
