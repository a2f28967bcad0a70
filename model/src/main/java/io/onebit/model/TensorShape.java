package io.onebit.model;

/**
 * The shape of an activation tensor: height x width x channels, stored HWC with the channels of
 * one pixel packed into {@code words(channels)} words (DESIGN.md: channels are the innermost,
 * packed dimension). A vector of n bits is the shape 1 x 1 x n, so one formula sizes every buffer.
 */
public record TensorShape(int height, int width, int channels) {
  public static TensorShape vector(int n) {
    return new TensorShape(1, 1, n);
  }

  /** Number of ±1 elements. */
  public int elements() {
    return height * width * channels;
  }

  /** Words per pixel. */
  public int pixelWords() {
    return BitPacking.words(channels);
  }

  /** Words of the packed HWC tensor. */
  public int words() {
    return height * width * pixelWords();
  }

  public boolean isVector() {
    return height == 1 && width == 1;
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
