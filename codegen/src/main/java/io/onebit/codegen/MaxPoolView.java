package io.onebit.codegen;

import java.util.List;

/** A {@code maxpool} layer as C (firmware/kernels/maxpool.h): the OR-channel mask and the window geometry. */
public record MaxPoolView(int index, String comment, String inputBuffer, String outputBuffer, CArray orChannels,
    String geometryName, String geometry) implements LayerView {
  @Override
  public String kind() {
    return "maxpool";
  }

  @Override
  public CArray weightArray() {
    return orChannels;
  }

  /** The mask is no weight: pooling has no binary parameters. */
  @Override
  public List<String> weightSymbols() {
    return List.of();
  }

  @Override
  public long weightBytes() {
    return 0;
  }

  @Override
  public long constantBytes() {
    return 4L * orChannels.length();
  }
}
