package io.onebit.codegen;

import io.onebit.model.BitPacking;
import io.onebit.model.BitplaneConvSignLayer;

/**
 * The optimised bitplane kernel's filter records (see firmware/kernels/bitplane_conv_sign.h). A window
 * row ky is a run of R = k_w * in_c taps in the weights' order (kx, c); each row is cut into groups of
 * {@link #GROUP} taps (the last may be shorter), {@code groups = k_h * ceil(R / 3)}. Per filter o the
 * record is {@code 1 + groups} words:
 * <ul>
 *   <li>word 0: {@code (threshold + 255 K) * 0x00010001}, K = k_h * R: the biased threshold in both
 *       16-bit lanes (used while groups <= {@link #CHUNK_GROUPS}; chunked windows read the thresholds);</li>
 *   <li>word 1 + g, for group g = ky * ceil(R / 3) + j: {@code 8 g + m}, the index of that group's
 *       subset-sum table entry, bit i of m being the weight bit (1 = -1) of row tap {@code 3 j + i}.</li>
 * </ul>
 * {@link #windowWords} mirrors {@code onebit_window_words} of the C header.
 */
final class BitplaneFilters {
  /** Taps per subset-sum table ({@code ONEBIT_BITPLANE_GROUP}). */
  static final int GROUP = 3;
  /** Entries per table. */
  static final int TABLE = 1 << GROUP;
  /** Groups whose tables are held at once ({@code ONEBIT_BITPLANE_CHUNK_GROUPS}). */
  static final int CHUNK_GROUPS = 21;

  private BitplaneFilters() {}

  static int rowGroups(BitplaneConvSignLayer layer) {
    return (layer.kernelWidth() * layer.inChannels() + GROUP - 1) / GROUP;
  }

  static int groups(BitplaneConvSignLayer layer) {
    return layer.kernelHeight() * rowGroups(layer);
  }

  /**
   * Words of the scratch: the tables; for chunked windows one chunk's tables, the gathered window
   * (3 words per group) and the per-filter lane sums. The reference needs words(in_c) <= 8 * groups.
   */
  static int windowWords(BitplaneConvSignLayer layer) {
    int groups = groups(layer);
    if (groups <= CHUNK_GROUPS) {
      return groups * TABLE;
    }
    return CHUNK_GROUPS * TABLE + groups * GROUP + 2 * layer.outChannels();
  }

  static int[] of(BitplaneConvSignLayer layer) {
    int kh = layer.kernelHeight();
    int channels = layer.inChannels();
    int rowTaps = layer.kernelWidth() * channels;
    int rowGroups = rowGroups(layer);
    int groups = groups(layer);
    int pixelWords = BitPacking.words(channels);
    int bias = 255 * kh * rowTaps;
    int[] w = layer.weights();
    int[] records = new int[layer.outChannels() * (1 + groups)];
    for (int o = 0; o < layer.outChannels(); o++) {
      int at = o * (1 + groups);
      records[at] = (layer.thresholds()[o] + bias) * 0x00010001;
      for (int ky = 0; ky < kh; ky++) {
        for (int j = 0; j < rowGroups; j++) {
          int group = ky * rowGroups + j;
          int index = TABLE * group;
          for (int i = 0; i < GROUP && GROUP * j + i < rowTaps; i++) {
            int tap = GROUP * j + i;
            int kx = tap / channels;
            int c = tap % channels;
            int word = w[((o * kh + ky) * layer.kernelWidth() + kx) * pixelWords + c / 32];
            index |= ((word >>> (c % 32)) & 1) << i;
          }
          records[at + 1 + group] = index;
        }
      }
    }
    return records;
  }
}
