package io.onebit.codegen;

import java.util.List;

/**
 * A {@code flatten} layer as C: nothing at all when the layouts coincide ({@code identity}: the
 * output is its input's arena words), else a call of firmware/kernels/flatten.h that re-packs
 * {@code pixels} pixels of {@code channels} channels into one vector.
 */
public record FlattenView(int index, String comment, boolean identity, String inputBuffer, String outputBuffer,
    int pixels, int channels) implements LayerView {
  @Override
  public String kind() {
    return "flatten";
  }

  @Override
  public String weightsName() {
    return null;
  }

  @Override
  public List<String> weightLines() {
    return List.of();
  }

  @Override
  public long weightBytes() {
    return 0;
  }

  @Override
  public long constantBytes() {
    return 0;
  }
}
