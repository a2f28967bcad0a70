package io.onebit.model;

import java.util.Locale;

/**
 * The shape of an activation tensor: height x width x channels, stored HWC with the channels of
 * one pixel packed into {@code words(channels)} words (DESIGN.md: channels are the innermost,
 * packed dimension). A vector of n bits is the shape 1 x 1 x n, so one formula sizes every buffer.
 *
 * <p>The int accessors are exact for shapes within {@link #MAX_WORDS}; a shape read from a file is
 * checked with {@link #requireWithinLimits} (in 64-bit arithmetic) before any of them is used.
 */
public record TensorShape(int height, int width, int channels) {
  /**
   * The most packed words a tensor may take: 2^26 words (256 MiB), so that every bit index of the
   * packed layout (at most 32 x words) is a Java int and one tensor is one Java array.
   */
  public static final long MAX_WORDS = 1L << 26;

  public static TensorShape vector(int n) {
    return new TensorShape(1, 1, n);
  }

  /** Number of ±1 elements (exact within the limits). */
  public int elements() {
    return Math.toIntExact(elementCount());
  }

  /** Number of ±1 elements, in 64-bit. */
  public long elementCount() {
    return (long) height * width * channels;
  }

  /** Words per pixel. */
  public int pixelWords() {
    return BitPacking.words(channels);
  }

  /** Words of the packed HWC tensor (exact within the limits). */
  public int words() {
    return Math.toIntExact(wordCount());
  }

  /** Words of the packed HWC tensor, in 64-bit. */
  public long wordCount() {
    return (long) height * width * ((channels + 31L) >>> 5);
  }

  public boolean isVector() {
    return height == 1 && width == 1;
  }

  /**
   * Refuses a shape with a non-positive dimension or more than {@link #MAX_WORDS} packed words.
   *
   * @param what e.g. "layer 3: output"
   */
  public void requireWithinLimits(String what) {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new ModelFormatException(what + " shape must be positive, got " + this);
    }
    if (wordCount() > MAX_WORDS) {
      throw new ModelFormatException(String.format(Locale.ROOT,
          "%s %s takes %,d packed words, more than the %,d (256 MiB) a tensor may take", what, this, wordCount(),
          MAX_WORDS));
    }
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
