package io.onebit.codegen;

import java.util.List;

/**
 * A {@code bitplane_conv_sign} first layer as C (firmware/kernels/bitplane_conv_sign.h): it reads the
 * raw input bytes. The deploy model's weight rows for the reference kernel, int32 thresholds, per-filter
 * records of subset-sum table indices ({@link BitplaneFilters}) for the optimised one, the geometry, and
 * the window buffer both kernels use. {@code inputBuffer} is the entry point's uint8 {@code input} or the
 * bytes of the input map.
 */
public record BitplaneConvSignView(int index, String comment, String inputBuffer, String outputBuffer, CArray weights, CArray thresholds,
    CArray filters, String geometryName, String geometry, String windowName, int windowWords) implements LayerView {
  @Override
  public CArray weightArray() {
    return weights;
  }

  @Override
  public List<String> weightSymbols() {
    return List.of(weights.name(), filters.name());
  }

  @Override
  public String kind() {
    return "bitplane_conv_sign";
  }

  /** Flash of the larger weight layout: the optimised records (thresholds included), or the reference rows. */
  @Override
  public long weightBytes() {
    return 4L * Math.max(filters.length(), weights.length());
  }

  @Override
  public long constantBytes() {
    return weightBytes() + 4L * thresholds.length();
  }

  @Override
  public long scratchWords() {
    return windowWords;
  }
}
