package io.onebit.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How raw 8-bit samples (HWC order, one byte per pixel and channel) enter the network.
 *
 * <ul>
 *   <li>{@code threshold}: x = +1 when pixel >= threshold, else -1; the first layer sees
 *       height*width*channels packed bits.
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputSpec(int height, int width, int channels, String encoding, Integer threshold) {
  public static final String THRESHOLD = "threshold";

  public static InputSpec thresholded(int height, int width, int channels, int threshold) {
    return new InputSpec(height, width, channels, THRESHOLD, threshold);
  }

  /** Number of raw input bytes per sample. */
  public int size() {
    return height * width * channels;
  }

  void validate() {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new ModelFormatException("input shape must be positive, got " + height + "x" + width + "x" + channels);
    }
    if (!THRESHOLD.equals(encoding)) {
      throw new ModelFormatException("unknown input encoding '" + encoding + "' (known: threshold)");
    }
    if (threshold == null || threshold < 0 || threshold > 256) {
      throw new ModelFormatException("input threshold must be in [0, 256], got " + threshold);
    }
  }
}
