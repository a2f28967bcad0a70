package io.onebit.codegen;

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
  public long weightBytes() {
    return 0;
  }

  @Override
  public long constantBytes() {
    return 0;
  }
}
