package io.onebit.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Re-packs an HWC tensor (words(channels) words per pixel) into one contiguous vector of
 * height*width*channels bits, element (y*width + x)*channels + c, for the dense layers that follow.
 * When channels is a multiple of 32 the two layouts are the same words and the C copies nothing.
 */
public record FlattenLayer(int height, int width, int channels) implements Layer {
  @Override
  public TensorShape inputShape() {
    return new TensorShape(height, width, channels);
  }

  @Override
  public TensorShape outputShape() {
    return TensorShape.vector(height * width * channels);
  }

  @Override
  public long binaryParameters() {
    return 0;
  }

  @Override
  public long integerParameters() {
    return 0;
  }

  @Override
  public long binaryMacs() {
    return 0;
  }

  @Override
  public long xorWords() {
    return 0;
  }

  /** True when the packed layouts coincide (no bits move). */
  @JsonIgnore
  public boolean isIdentity() {
    return channels % 32 == 0 || (height == 1 && width == 1);
  }

  @Override
  public void validate(String where) {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new ModelFormatException(where + ": flatten shape must be positive, got " + inputShape());
    }
  }
}
