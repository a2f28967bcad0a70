package io.onebit.codegen;

import java.util.List;

/**
 * A {@code bitplane_conv_sign} first layer as C (firmware/kernels/bitplane_conv_sign.h): it reads the
 * raw input bytes. The deploy model's weight rows for the reference kernel, per-filter byte masks of
 * the window rows ({@link BitplaneMasks}) for the optimised one, int32 thresholds, the geometry, and
 * the window buffer both kernels use.
 */
public record BitplaneConvSignView(
    int index,
    String comment,
    String outputBuffer,
    String weightsName,
    List<String> weightLines,
    int weightWords,
    String thresholdsName,
    List<String> thresholdLines,
    int outChannels,
    String masksName,
    List<String> maskLines,
    int maskWords,
    String geometryName,
    String geometry,
    String windowName,
    int windowWords) implements LayerView {
  @Override
  public List<String> weightSymbols() {
    return List.of(weightsName, masksName);
  }

  @Override
  public String kind() {
    return "bitplane_conv_sign";
  }

  @Override
  public long weightBytes() {
    return 4L * Math.max(maskWords, weightWords);
  }

  @Override
  public long constantBytes() {
    return weightBytes() + 4L * outChannels;
  }

  @Override
  public long scratchWords() {
    return windowWords;
  }
}
