package io.onebit.model;

/** The integer semantics of {@link MaxPoolLayer}: per channel, AND or OR of the window's bits. */
final class BitPooling {
  private BitPooling() {}

  static int[] apply(int[] in, MaxPoolLayer layer) {
    ConvGeometry g = layer.geometry();
    int pixelWords = BitPacking.words(layer.channels());
    int[] out = new int[layer.outputShape().words()];
    int[] orMask = layer.orChannels();
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        for (int c = 0; c < pixelWords; c++) {
          int all = -1;
          int any = 0;
          for (int ky = 0; ky < layer.poolHeight(); ky++) {
            for (int kx = 0; kx < layer.poolWidth(); kx++) {
              int word = in[((oy * g.stride() + ky) * layer.inWidth() + ox * g.stride() + kx) * pixelWords + c];
              all &= word;
              any |= word;
            }
          }
          out[(oy * g.outWidth() + ox) * pixelWords + c] = (all & ~orMask[c]) | (any & orMask[c]);
        }
      }
    }
    return out;
  }
}
