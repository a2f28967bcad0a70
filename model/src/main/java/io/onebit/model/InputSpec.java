package io.onebit.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a raw sample (height x width x channels integers of {@link #type()}, HWC) becomes the first
 * layer's input. All of it is integer arithmetic, executed identically by the golden model and the C,
 * so the firmware's entry point takes the sensor's raw integers and no float appears on the device.
 *
 * <ul>
 *   <li>{@code threshold}: element x of channel c is +1 when x ≥ t_c, else −1 (bit 1), with t_c the
 *       per-channel raw {@code thresholds[c]} or the one {@code threshold} for every channel. A dense
 *       first layer reads the height*width*channels bits packed flat; a convolution or pooling first
 *       layer reads them HWC with words(channels) words per pixel.
 *   <li>{@code bitplanes}: the first layer ({@link BitplaneConvSignLayer}) reads unsigned 8-bit values
 *       x = Σ_k 2^k b_k (BinaryNet's 8-bit first layer): the raw bytes of a uint8 sample, or the
 *       per-channel {@link InputMap} of wider or signed raw integers.
 * </ul>
 *
 * @param sampleType the raw element type ({@link SampleType#jsonName()}); absent means uint8
 * @param threshold one raw threshold for every channel (threshold encoding), or null
 * @param thresholds per-channel raw thresholds (threshold encoding), or null
 * @param map the integer map to 8 bits (bitplane encoding of non-uint8 samples; optional for uint8)
 * @param fractionBits per channel, the fixed-point scale of the raw integers: raw = round(value · 2^f)
 *     for data that came as fractions (CSV, float arrays). Only the host uses it ({@code onebit
 *     predict}, and a user preparing the device's input); null when every channel is integer (f = 0)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputSpec(int height, int width, int channels, String sampleType, String encoding, Integer threshold,
    int[] thresholds, InputMap map, int[] fractionBits) {
  public static final String THRESHOLD = "threshold";
  public static final String BITPLANES = "bitplanes";
  /** Largest |fraction bits| accepted: 2^±30 spans any float a sensor exports. */
  public static final int MAX_FRACTION_BITS = 30;

  /** uint8 samples, one threshold for every channel. */
  public static InputSpec thresholded(int height, int width, int channels, int threshold) {
    return new InputSpec(height, width, channels, null, THRESHOLD, threshold, null, null, null);
  }

  /** uint8 samples read as they are by the 8-bit first layer. */
  public static InputSpec bitplanes(int height, int width, int channels) {
    return new InputSpec(height, width, channels, null, BITPLANES, null, null, null, null);
  }

  /** {@code type} samples with one raw threshold per channel. */
  public static InputSpec thresholded(int height, int width, int channels, SampleType type, int[] thresholds,
      int[] fractionBits) {
    return new InputSpec(height, width, channels, type.jsonName(), THRESHOLD, null, thresholds.clone(), null,
        copyOrNull(fractionBits));
  }

  /** {@code type} samples mapped to 8 bits by {@code map} (null: uint8 read as it is). */
  public static InputSpec bitplanes(int height, int width, int channels, SampleType type, InputMap map,
      int[] fractionBits) {
    return new InputSpec(height, width, channels, type.jsonName(), BITPLANES, null, null, map, copyOrNull(fractionBits));
  }

  private static int[] copyOrNull(int[] values) {
    return values == null || Arrays.stream(values).allMatch(v -> v == 0) ? null : values.clone();
  }

  /** Number of raw elements per sample: height * width * channels. */
  public int size() {
    return height * width * channels;
  }

  /** Bytes of one sample as the entry point reads it: size() elements of the sample type. */
  public int sampleBytes() {
    return size() * type().bytes();
  }

  /** The raw element type (uint8 when the model does not say). */
  @JsonIgnore
  public SampleType type() {
    return sampleType == null ? SampleType.UINT8 : SampleType.named(sampleType);
  }

  @JsonIgnore
  public TensorShape shape() {
    return new TensorShape(height, width, channels);
  }

  @JsonIgnore
  public boolean isBitplanes() {
    return BITPLANES.equals(encoding);
  }

  /** The raw threshold of channel c (threshold encoding). */
  public int thresholdOf(int c) {
    return thresholds != null ? thresholds[c] : threshold;
  }

  /** Whether one threshold serves every channel (the uint8 fast path of the C). */
  @JsonIgnore
  public boolean hasSingleThreshold() {
    return thresholds == null;
  }

  /** The fraction bits of channel c (0 for integer data). */
  public int fractionBitsOf(int c) {
    return fractionBits == null ? 0 : fractionBits[c];
  }

  /** The 8-bit values the bitplane layer reads for a raw sample (bitplane encoding). */
  public byte[] eightBit(int[] raw) {
    if (map != null) {
      return map.apply(raw);
    }
    byte[] q = new byte[raw.length];
    for (int i = 0; i < raw.length; i++) {
      q[i] = (byte) raw[i];
    }
    return q;
  }

  void validate() {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new ModelFormatException("input shape must be positive, got " + height + "x" + width + "x" + channels);
    }
    if ((long) height * width * channels * 2 > Integer.MAX_VALUE) {
      throw new ModelFormatException("input shape " + height + "x" + width + "x" + channels + " is too large");
    }
    SampleType type = type();
    if (fractionBits != null) {
      if (fractionBits.length != channels) {
        throw new ModelFormatException("input fraction_bits: expected " + channels + " values (one per channel), got "
            + fractionBits.length);
      }
      for (int f : fractionBits) {
        if (Math.abs(f) > MAX_FRACTION_BITS) {
          throw new ModelFormatException("input fraction_bits must be in [-30, 30], got " + f);
        }
      }
    }
    if (BITPLANES.equals(encoding)) {
      if (threshold != null || thresholds != null) {
        throw new ModelFormatException("a 'bitplanes' input takes no threshold");
      }
      if (map != null) {
        map.validate(channels, type);
      } else if (type != SampleType.UINT8) {
        throw new ModelFormatException("a 'bitplanes' input of " + type.jsonName()
            + " samples needs a map to 8 bits (only uint8 samples are read as they are)");
      }
      return;
    }
    if (!THRESHOLD.equals(encoding)) {
      throw new ModelFormatException("unknown input encoding '" + encoding + "' (known: threshold, bitplanes)");
    }
    if (map != null) {
      throw new ModelFormatException("a 'threshold' input takes no map (a threshold on the map's output is a raw"
          + " threshold: give per-channel thresholds)");
    }
    if ((threshold == null) == (thresholds == null)) {
      throw new ModelFormatException("a 'threshold' input needs either one threshold or per-channel thresholds");
    }
    int lo = type.min();
    int hi = type.max() + 1;
    if (threshold != null && (threshold < lo || threshold > hi)) {
      throw new ModelFormatException("input threshold must be in [" + lo + ", " + hi + "], got " + threshold);
    }
    if (thresholds != null) {
      if (thresholds.length != channels) {
        throw new ModelFormatException("input thresholds: expected " + channels + " (one per channel), got "
            + thresholds.length);
      }
      for (int c = 0; c < channels; c++) {
        if (thresholds[c] < lo || thresholds[c] > hi) {
          throw new ModelFormatException("input threshold of channel " + c + " must be in [" + lo + ", " + hi
              + "], got " + thresholds[c]);
        }
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputSpec s && height == s.height && width == s.width && channels == s.channels
        && type() == s.type() && Objects.equals(encoding, s.encoding) && Objects.equals(threshold, s.threshold)
        && Arrays.equals(thresholds, s.thresholds) && Objects.equals(map, s.map)
        && Arrays.equals(fractionBits, s.fractionBits);
  }

  @Override
  public int hashCode() {
    return Objects.hash(height, width, channels, type(), encoding, threshold, Arrays.hashCode(thresholds), map,
        Arrays.hashCode(fractionBits));
  }

  @Override
  public String toString() {
    return "InputSpec[" + height + "x" + width + "x" + channels + " " + type() + ", " + encoding
        + (threshold != null ? " " + threshold : "") + (thresholds != null ? " " + Arrays.toString(thresholds) : "")
        + (map != null ? ", " + map : "") + (fractionBits != null ? ", fraction bits " + Arrays.toString(fractionBits)
        : "") + "]";
  }
}
