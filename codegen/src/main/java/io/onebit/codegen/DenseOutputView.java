package io.onebit.codegen;

import java.util.List;

/**
 * The {@code dense_output} layer as C: weights {@code const uint32_t [outputs * inWords]} and the
 * per-class {@code const int32_t} scale and offset; it writes the caller's scores array.
 */
public record DenseOutputView(
    int index,
    String comment,
    int inputs,
    int outputs,
    int inWords,
    String inputBuffer,
    String weightsName,
    List<String> weightLines,
    String scaleName,
    List<String> scaleLines,
    String offsetName,
    List<String> offsetLines) implements LayerView {
  @Override
  public String kind() {
    return "dense_output";
  }

  @Override
  public long weightBytes() {
    return 4L * inWords * outputs;
  }

  @Override
  public long constantBytes() {
    return weightBytes() + 8L * outputs;
  }
}
