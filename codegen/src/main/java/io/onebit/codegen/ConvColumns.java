package io.onebit.codegen;

import io.onebit.model.BitPacking;
import io.onebit.model.ConvSignLayer;

/**
 * The optimised conv_sign kernel's constants, from a layer's weight rows (see conv_sign.h):
 *
 * <pre>
 *   columns[g][tap][c]   bit r = weight of filter 32g + r at (tap, channel c), c < in_c; word in_c is 0
 *   planes[g][k]         bit r = bit k of a_r = Pw_r - T_r, M-bit two's complement
 * </pre>
 *
 * With n listed 1 bits in a window and S_r = sum of filter r's weights over them, R = a + n - 1 - 2S
 * lies in [-3K - 1, 2K], so M = bitLength(3K + 1) + 1 planes hold it; S <= K needs bitLength(K) count
 * planes (at least 5: the block adder fills ones, twos and fours, the pairing above it eights and sixteens).
 */
record ConvColumns(int[] columns, int[] planes, int signPlanes, int countPlanes) {
  static ConvColumns of(ConvSignLayer layer) {
    int k = layer.fanIn();
    int taps = layer.kernelHeight() * layer.kernelWidth();
    int inChannels = layer.inChannels();
    int pixelWords = BitPacking.words(inChannels);
    int groups = BitPacking.words(layer.outChannels());
    int m = DenseSignColumnsView.bitLength(3L * k + 1) + 1;
    int groupWords = taps * (inChannels + 1);
    int[] columns = new int[groups * groupWords];
    int[] planes = new int[groups * m];
    int[] w = layer.weights();
    for (int o = 0; o < layer.outChannels(); o++) {
      int g = o / 32;
      int r = o % 32;
      int pw = 0;
      for (int tap = 0; tap < taps; tap++) {
        int row = (o * taps + tap) * pixelWords;
        for (int c = 0; c < inChannels; c++) {
          int bit = (w[row + c / 32] >>> (c % 32)) & 1;
          columns[g * groupWords + tap * (inChannels + 1) + c] |= bit << r;
          pw += bit;
        }
      }
      int a = pw - layer.thresholds()[o];
      for (int p = 0; p < m; p++) {
        planes[g * m + p] |= ((a >>> p) & 1) << r;
      }
    }
    return new ConvColumns(columns, planes, m, Math.max(5, DenseSignColumnsView.bitLength(k)));
  }

  /** Words of {@link #columns} for a layer, in 64-bit: groups of 32 filters x taps x (in_c + 1). */
  static long columnWords(ConvSignLayer layer) {
    return (long) BitPacking.words(layer.outChannels()) * layer.kernelHeight() * layer.kernelWidth()
        * (layer.inChannels() + 1L);
  }

  /** Words of one input pixel's list in the C: its count, then offsets padded to blocks of 8. */
  static long listSlotWords(int inChannels) {
    return 1 + (inChannels + 7L) / 8 * 8;
  }
}
