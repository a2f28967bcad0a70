package io.onebit.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How raw 8-bit samples (HWC order, one byte per pixel and channel) enter the network.
 *
 * <ul>
 *   <li>{@code threshold}: x = +1 when pixel >= threshold, else -1 (bit 1). A dense first layer
 *       reads the height*width*channels bits packed flat; a convolution or pooling first layer reads
 *       them HWC with words(channels) words per pixel.
 *   <li>{@code bitplanes}: the first layer ({@link BitplaneConvSignLayer}) reads the raw bytes as
 *       unsigned integers x = sum_k 2^k b_k (BinaryNet's 8-bit first layer); no threshold.
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputSpec(int height, int width, int channels, String encoding, Integer threshold) {
  public static final String THRESHOLD = "threshold";
  public static final String BITPLANES = "bitplanes";

  public static InputSpec thresholded(int height, int width, int channels, int threshold) {
    return new InputSpec(height, width, channels, THRESHOLD, threshold);
  }

  public static InputSpec bitplanes(int height, int width, int channels) {
    return new InputSpec(height, width, channels, BITPLANES, null);
  }

  /** The most raw bytes a sample may have (256 MiB, as {@link TensorShape#MAX_WORDS} words). */
  public static final long MAX_BYTES = 4 * TensorShape.MAX_WORDS;

  /** Number of raw input bytes per sample (exact once validated). */
  public int size() {
    return Math.toIntExact((long) height * width * channels);
  }

  @JsonIgnore
  public TensorShape shape() {
    return new TensorShape(height, width, channels);
  }

  @JsonIgnore
  public boolean isBitplanes() {
    return BITPLANES.equals(encoding);
  }

  void validate() {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new ModelFormatException("input shape must be positive, got " + height + "x" + width + "x" + channels);
    }
    long bytes = (long) height * width * channels;
    if (bytes > MAX_BYTES) {
      throw new ModelFormatException(String.format(java.util.Locale.ROOT,
          "input %dx%dx%d has %,d bytes per sample, more than the %,d (256 MiB) a sample may have", height, width,
          channels, bytes, MAX_BYTES));
    }
    shape().requireWithinLimits("input");
    if (BITPLANES.equals(encoding)) {
      if (threshold != null) {
        throw new ModelFormatException("a 'bitplanes' input takes no threshold");
      }
      return;
    }
    if (!THRESHOLD.equals(encoding)) {
      throw new ModelFormatException("unknown input encoding '" + encoding + "' (known: threshold, bitplanes)");
    }
    if (threshold == null || threshold < 0 || threshold > 256) {
      throw new ModelFormatException("input threshold must be in [0, 256], got " + threshold);
    }
  }
}
