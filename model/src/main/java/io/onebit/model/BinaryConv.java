package io.onebit.model;

/** The integer semantics of {@link ConvSignLayer} (see its formula), one output bit at a time. */
final class BinaryConv {
  private BinaryConv() {}

  static int[] apply(int[] in, ConvSignLayer layer) {
    ConvGeometry g = layer.geometry();
    int inPixelWords = BitPacking.words(layer.inChannels());
    TensorShape outShape = layer.outputShape();
    int outPixelWords = outShape.pixelWords();
    int[] out = new int[outShape.words()];
    int[] w = layer.weights();
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        int outBase = (oy * g.outWidth() + ox) * outPixelWords;
        for (int o = 0; o < layer.outChannels(); o++) {
          int p = 0;
          for (int ky = 0; ky < layer.kernelHeight(); ky++) {
            int iy = oy * g.stride() + ky - g.padTop();
            for (int kx = 0; kx < layer.kernelWidth(); kx++) {
              int ix = ox * g.stride() + kx - g.padLeft();
              int tap = ((o * layer.kernelHeight() + ky) * layer.kernelWidth() + kx) * inPixelWords;
              boolean inside = iy >= 0 && iy < layer.inHeight() && ix >= 0 && ix < layer.inWidth();
              for (int c = 0; c < inPixelWords; c++) {
                // Padding is +1 (bit 0), so an outside tap contributes popcount(0 XOR w) = popcount(w).
                int x = inside ? in[(iy * layer.inWidth() + ix) * inPixelWords + c] : 0;
                p += Integer.bitCount(x ^ w[tap + c]);
              }
            }
          }
          if (p > layer.thresholds()[o]) {
            out[outBase + (o >>> 5)] |= 1 << (o & 31);
          }
        }
      }
    }
    return out;
  }
}
