package io.onebit.codegen;

import java.util.List;

/**
 * A {@code conv_sign} layer as C (firmware/kernels/conv_sign.h): the deploy model's weight rows and
 * int16 thresholds for the reference kernel, the per-tap columns and bit-sliced {@code a = Pw - T}
 * planes ({@link ConvColumns}) for the optimised one, and the window geometry. Each kernel family
 * reads its own arrays; the compiler drops the others.
 *
 * @param listName the shared per-pixel list buffer (optimised kernel; sized by the largest conv layer)
 * @param listWords words of that buffer this layer needs: a ring of min(k_h, in_h) input rows of in_w pixels,
 *     each 1 + in_c rounded up to 8 words
 */
public record ConvSignView(
    int index,
    String comment,
    String inputBuffer,
    String outputBuffer,
    String weightsName,
    List<String> weightLines,
    int weightWords,
    String thresholdsName,
    List<String> thresholdLines,
    int outChannels,
    String columnsName,
    List<String> columnLines,
    int columnWords,
    String planesName,
    List<String> planeLines,
    int planeWords,
    int signPlanes,
    int countPlanes,
    String geometryName,
    String geometry,
    String listName,
    int listWords) implements LayerView {
  @Override
  public List<String> weightSymbols() {
    return List.of(weightsName, columnsName);
  }

  @Override
  public String kind() {
    return "conv_sign";
  }

  /** Flash of the optimised family's constants: columns and planes (the reference's rows are smaller or equal). */
  @Override
  public long weightBytes() {
    return 4L * Math.max(columnWords, weightWords);
  }

  @Override
  public long constantBytes() {
    return Math.max(4L * columnWords + 4L * planeWords, 4L * weightWords + 2L * outChannels);
  }

  @Override
  public long scratchWords() {
    return listWords;
  }
}
