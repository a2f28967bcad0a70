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
public record ConvSignView(int index, String comment, String inputBuffer, String outputBuffer, CArray weights,
    CArray thresholds, CArray columns, CArray planes, int signPlanes, int countPlanes, String geometryName,
    String geometry, String listName, int listWords) implements LayerView {
  @Override
  public CArray weightArray() {
    return weights;
  }

  @Override
  public List<String> weightSymbols() {
    return List.of(weights.name(), columns.name());
  }

  @Override
  public String kind() {
    return "conv_sign";
  }

  /** Flash of the larger weight layout: the optimised columns, or the reference rows. */
  @Override
  public long weightBytes() {
    return 4L * Math.max(columns.length(), weights.length());
  }

  @Override
  public long constantBytes() {
    return Math.max(4L * columns.length() + 4L * planes.length(), 4L * weights.length() + 2L * thresholds.length());
  }

  @Override
  public long scratchWords() {
    return listWords;
  }
}
