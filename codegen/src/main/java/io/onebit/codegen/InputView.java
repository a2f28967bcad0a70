package io.onebit.codegen;

import io.onebit.model.InputMap;
import io.onebit.model.InputSpec;
import io.onebit.model.SampleType;
import java.util.Arrays;

/**
 * How the generated model.c turns the entry point's raw integers into the first layer's input
 * (firmware/kernels/raw_input.h), prepared for the templates.
 *
 * @param cType the C element type of the input array, e.g. {@code int16_t}
 * @param typeEnum the kernels' {@code onebit_sample_type} constant, e.g. {@code ONEBIT_SAMPLE_INT16}
 * @param channelThresholds per-channel raw thresholds (threshold inputs of non-uint8 samples or with
 *     per-channel thresholds), or null: the uint8 single-threshold kernels apply
 * @param flat whether the thresholded bits are packed flat (a dense first layer) or per pixel
 * @param mapLow the map's per-channel low clip, or null without a map
 * @param mapHigh per-channel high clip
 * @param mapMultiplier per-channel multiplier (uint32 in hex)
 * @param mapShift the map's shift
 * @param mappedName the RAM buffer of mapped bytes the bitplane layer reads, or null without a map
 * @param mappedBytes its size in bytes (the input's element count)
 */
public record InputView(String cType, String typeEnum, CArray channelThresholds, boolean flat, CArray mapLow,
    CArray mapHigh, CArray mapMultiplier, int mapShift, String mappedName, int mappedBytes) {

  static InputView of(InputSpec input, String prefix, boolean flat) {
    SampleType type = input.type();
    String typeEnum = "ONEBIT_SAMPLE_" + type.jsonName().toUpperCase(java.util.Locale.ROOT);
    CArray thresholds = null;
    if (!input.isBitplanes() && (type != SampleType.UINT8 || !input.hasSingleThreshold())) {
      int[] t = new int[input.channels()];
      for (int c = 0; c < t.length; c++) {
        t[c] = input.thresholdOf(c);
      }
      thresholds = CArray.ints(prefix + "_input_thresholds", t);
    }
    InputMap map = input.isBitplanes() ? input.map() : null;
    if (map == null) {
      return new InputView(type.cType(), typeEnum, thresholds, flat, null, null, null, 0, null, 0);
    }
    return new InputView(type.cType(), typeEnum, null, flat, CArray.ints(prefix + "_input_low", map.low()),
        CArray.ints(prefix + "_input_high", map.high()), CArray.hexWords(prefix + "_input_multiplier",
        map.multiplier()), map.shift(), prefix + "_input_8bit", input.size());
  }

  /** Flash bytes of the input's constants (thresholds or map). */
  long constantBytes() {
    return 4L * Arrays.asList(channelThresholds, mapLow, mapHigh, mapMultiplier).stream()
        .mapToLong(a -> a == null ? 0 : a.length()).sum();
  }

  /** RAM of the mapped bytes, in whole words. */
  long ramBytes() {
    return 4L * ((mappedBytes + 3) / 4);
  }
}
