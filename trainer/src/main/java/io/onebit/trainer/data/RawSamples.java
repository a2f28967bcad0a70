package io.onebit.trainer.data;

import io.onebit.model.SampleType;
import java.util.Arrays;

/**
 * Raw integer elements of many samples, sample-major and HWC within a sample, stored compactly for
 * their type: one byte each for uint8/int8, a short for uint16/int16 (the MNIST training images stay
 * 47 MB, not 188).
 *
 * @param type the element type
 * @param bytes the elements of an 8-bit type, else null
 * @param shorts the elements of a 16-bit type (uint16 as the same 16 bits), else null
 */
public record RawSamples(SampleType type, byte[] bytes, short[] shorts) {
  public RawSamples {
    if ((type.bytes() == 1) != (bytes != null) || (type.bytes() == 2) != (shorts != null)) {
      throw new IllegalArgumentException(type + " elements need a " + (type.bytes() == 1 ? "byte" : "short") + " array");
    }
  }

  /** Room for {@code length} elements of {@code type}, all 0. */
  public static RawSamples allocate(SampleType type, int length) {
    return type.bytes() == 1 ? new RawSamples(type, new byte[length], null) : new RawSamples(type, null, new short[length]);
  }

  /** uint8 elements held in {@code bytes} (not copied). */
  public static RawSamples uint8(byte[] bytes) {
    return new RawSamples(SampleType.UINT8, bytes, null);
  }

  public int length() {
    return bytes != null ? bytes.length : shorts.length;
  }

  /** Element {@code i} as its integer value. */
  public int get(int i) {
    return switch (type) {
      case UINT8 -> bytes[i] & 0xff;
      case INT8 -> bytes[i];
      case UINT16 -> shorts[i] & 0xffff;
      case INT16 -> shorts[i];
    };
  }

  /** Stores {@code value}, which the caller has checked fits the type. */
  public void set(int i, int value) {
    if (bytes != null) {
      bytes[i] = (byte) value;
    } else {
      shorts[i] = (short) value;
    }
  }

  /** Elements [from, from + n) as the little-endian bytes the model's entry point reads. */
  public byte[] littleEndian(int from, int n) {
    if (type == SampleType.UINT8 || type == SampleType.INT8) {
      return Arrays.copyOfRange(bytes, from, from + n);
    }
    byte[] out = new byte[2 * n];
    for (int i = 0; i < n; i++) {
      short v = shorts[from + i];
      out[2 * i] = (byte) v;
      out[2 * i + 1] = (byte) (v >> 8);
    }
    return out;
  }

  /** The samples at {@code indices} (each {@code size} elements), in that order. */
  public RawSamples gather(int[] indices, int size) {
    RawSamples out = allocate(type, Math.multiplyExact(indices.length, size));
    for (int k = 0; k < indices.length; k++) {
      if (bytes != null) {
        System.arraycopy(bytes, indices[k] * size, out.bytes, k * size, size);
      } else {
        System.arraycopy(shorts, indices[k] * size, out.shorts, k * size, size);
      }
    }
    return out;
  }

  /** The first {@code n} elements. */
  public RawSamples head(int n) {
    return bytes != null ? new RawSamples(type, Arrays.copyOf(bytes, n), null)
        : new RawSamples(type, null, Arrays.copyOf(shorts, n));
  }

  /** The same values as {@code wider}, a type holding them all (e.g. uint8 pixels into uint16). */
  public RawSamples widen(SampleType wider) {
    if (wider == type) {
      return this;
    }
    RawSamples out = allocate(wider, length());
    for (int i = 0; i < length(); i++) {
      out.set(i, get(i));
    }
    return out;
  }
}
