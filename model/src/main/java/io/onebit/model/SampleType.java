package io.onebit.model;

import java.util.Locale;

/**
 * The integer type of one raw input element, as the firmware's entry point takes it (e.g. a camera's
 * 8-bit pixels, or an accelerometer's 16-bit counts). A sample is {@code height * width * channels}
 * such elements, HWC; as bytes (test vectors, host files, {@link GoldenModel#infer}) each element
 * is {@link #bytes} bytes, little-endian, as the C array holds them on every supported target.
 */
public enum SampleType {
  UINT8("uint8", "uint8_t", 1, 0, 255),
  INT8("int8", "int8_t", 1, -128, 127),
  UINT16("uint16", "uint16_t", 2, 0, 65_535),
  INT16("int16", "int16_t", 2, -32_768, 32_767);

  private final String jsonName;
  private final String cType;
  private final int bytes;
  private final int min;
  private final int max;

  SampleType(String jsonName, String cType, int bytes, int min, int max) {
    this.jsonName = jsonName;
    this.cType = cType;
    this.bytes = bytes;
    this.min = min;
    this.max = max;
  }

  /** The name in deploy models and on the command line: uint8, int8, uint16, int16. */
  public String jsonName() {
    return jsonName;
  }

  /** The C element type of the entry point's input array, e.g. {@code int16_t}. */
  public String cType() {
    return cType;
  }

  public int bytes() {
    return bytes;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  /** Whether {@code value} is representable. */
  public boolean holds(long value) {
    return value >= min && value <= max;
  }

  /** {@code value} saturated to [min, max]. */
  public int saturate(long value) {
    return (int) Math.max(min, Math.min(max, value));
  }

  /** The type called {@code name} (one of {@link #jsonName}s). */
  public static SampleType named(String name) {
    for (SampleType t : values()) {
      if (t.jsonName.equals(name)) {
        return t;
      }
    }
    throw new ModelFormatException("unknown sample type '" + name + "' (known: uint8, int8, uint16, int16)");
  }

  /** The smallest type that holds every value in [lo, hi], preferring unsigned, or null when none does. */
  public static SampleType smallestHolding(long lo, long hi) {
    for (SampleType t : values()) {
      if (t.holds(lo) && t.holds(hi)) {
        return t;
      }
    }
    return null;
  }

  /** Element {@code i} of a little-endian sample. */
  public int get(byte[] sample, int i) {
    return switch (this) {
      case UINT8 -> sample[i] & 0xff;
      case INT8 -> sample[i];
      case UINT16 -> (sample[2 * i] & 0xff) | (sample[2 * i + 1] & 0xff) << 8;
      case INT16 -> (short) ((sample[2 * i] & 0xff) | (sample[2 * i + 1] & 0xff) << 8);
    };
  }

  /** Stores {@code value} (which must be representable) as element {@code i}. */
  public void put(byte[] sample, int i, int value) {
    if (!holds(value)) {
      throw new IllegalArgumentException(value + " is not a " + jsonName + " value");
    }
    if (bytes == 1) {
      sample[i] = (byte) value;
    } else {
      sample[2 * i] = (byte) value;
      sample[2 * i + 1] = (byte) (value >> 8);
    }
  }

  /** The elements of a little-endian sample. */
  public int[] decode(byte[] sample) {
    int[] values = new int[sample.length / bytes];
    for (int i = 0; i < values.length; i++) {
      values[i] = get(sample, i);
    }
    return values;
  }

  /** The little-endian bytes of {@code values}. */
  public byte[] encode(int[] values) {
    byte[] sample = new byte[values.length * bytes];
    for (int i = 0; i < values.length; i++) {
      put(sample, i, values[i]);
    }
    return sample;
  }

  @Override
  public String toString() {
    return jsonName.toLowerCase(Locale.ROOT);
  }
}
