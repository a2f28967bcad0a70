package io.onebit.codegen;

import java.util.List;

/**
 * A hidden {@code dense_sign} layer as C: weights {@code const uint32_t [outputs * inWords]},
 * thresholds {@code const int16_t [outputs]}, and an output buffer of {@code outWords} words.
 */
public record DenseSignView(
    int index,
    String comment,
    int inputs,
    int outputs,
    int inWords,
    int outWords,
    String inputBuffer,
    String outputBuffer,
    String weightsName,
    List<String> weightLines,
    String thresholdsName,
    List<String> thresholdLines) implements LayerView {
  @Override
  public String kind() {
    return "dense_sign";
  }

  @Override
  public long weightBytes() {
    return 4L * inWords * outputs;
  }

  @Override
  public long constantBytes() {
    return weightBytes() + 2L * outputs;
  }
}
