package io.onebit.trainer.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Named arrays and numbers that together are the state of a training run at a batch boundary
 * (parameters, optimizer moments, generator, loop position), with a compact binary form:
 *
 * <pre>
 *   "ONEBIT-STATE" version:int count:int { name:UTF kind:byte length:int data } crc32:long
 * </pre>
 *
 * The CRC covers everything before it, so a truncated or corrupted file is refused, not resumed.
 */
public final class TrainingState {
  private static final String MAGIC = "ONEBIT-STATE";
  private static final int VERSION = 1;
  private static final byte FLOATS = 1;
  private static final byte INTS = 2;
  private static final byte LONGS = 3;
  private static final byte DOUBLES = 4;
  private static final byte BYTES = 5;

  private final Map<String, Object> entries = new LinkedHashMap<>();

  public void putFloats(String name, float[] v) {
    entries.put(name, v.clone());
  }

  public void putInts(String name, int[] v) {
    entries.put(name, v.clone());
  }

  public void putLongs(String name, long[] v) {
    entries.put(name, v.clone());
  }

  public void putDouble(String name, double v) {
    entries.put(name, new double[] {v});
  }

  public void putLong(String name, long v) {
    entries.put(name, new long[] {v});
  }

  public void putBytes(String name, byte[] v) {
    entries.put(name, v.clone());
  }

  public boolean has(String name) {
    return entries.containsKey(name);
  }

  private <T> T get(String name, Class<T> type) {
    Object v = entries.get(name);
    if (!type.isInstance(v)) {
      throw new IllegalStateException("the saved state has no " + name);
    }
    return type.cast(v);
  }

  public float[] floats(String name) {
    return get(name, float[].class);
  }

  /** Copies the saved array into {@code into}, which must have its length. */
  public void floatsInto(String name, float[] into) {
    float[] v = floats(name);
    if (v.length != into.length) {
      throw new IllegalStateException("the saved " + name + " has " + v.length + " values, expected " + into.length);
    }
    System.arraycopy(v, 0, into, 0, v.length);
  }

  public int[] ints(String name) {
    return get(name, int[].class);
  }

  public long[] longs(String name) {
    return get(name, long[].class);
  }

  public double getDouble(String name) {
    return get(name, double[].class)[0];
  }

  public long getLong(String name) {
    return get(name, long[].class)[0];
  }

  public byte[] bytes(String name) {
    return get(name, byte[].class);
  }

  public byte[] toBytes() {
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(buffer);
      out.writeUTF(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(entries.size());
      for (Map.Entry<String, Object> e : entries.entrySet()) {
        out.writeUTF(e.getKey());
        Object v = e.getValue();
        if (v instanceof float[] f) {
          out.writeByte(FLOATS);
          out.writeInt(f.length);
          for (float x : f) {
            out.writeFloat(x);
          }
        } else if (v instanceof int[] a) {
          out.writeByte(INTS);
          out.writeInt(a.length);
          for (int x : a) {
            out.writeInt(x);
          }
        } else if (v instanceof long[] a) {
          out.writeByte(LONGS);
          out.writeInt(a.length);
          for (long x : a) {
            out.writeLong(x);
          }
        } else if (v instanceof double[] a) {
          out.writeByte(DOUBLES);
          out.writeInt(a.length);
          for (double x : a) {
            out.writeDouble(x);
          }
        } else {
          byte[] b = (byte[]) v;
          out.writeByte(BYTES);
          out.writeInt(b.length);
          out.write(b);
        }
      }
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(buffer.toByteArray());
      out.writeLong(crc.getValue());
      out.flush();
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a state written by {@link #toBytes}; throws IllegalArgumentException for anything else. */
  public static TrainingState fromBytes(byte[] bytes) {
    if (bytes.length < 8) {
      throw new IllegalArgumentException("not a onebit training state (too short)");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    if (crc.getValue() != stored) {
      throw new IllegalArgumentException("the training state is truncated or corrupt (checksum mismatch)");
    }
    TrainingState state = new TrainingState();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IllegalArgumentException("not a onebit training state");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException("training state version " + version + " (this build reads " + VERSION + ")");
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        byte kind = in.readByte();
        int n = in.readInt();
        Object v;
        switch (kind) {
          case FLOATS -> {
            float[] a = new float[n];
            for (int k = 0; k < n; k++) {
              a[k] = in.readFloat();
            }
            v = a;
          }
          case INTS -> {
            int[] a = new int[n];
            for (int k = 0; k < n; k++) {
              a[k] = in.readInt();
            }
            v = a;
          }
          case LONGS -> {
            long[] a = new long[n];
            for (int k = 0; k < n; k++) {
              a[k] = in.readLong();
            }
            v = a;
          }
          case DOUBLES -> {
            double[] a = new double[n];
            for (int k = 0; k < n; k++) {
              a[k] = in.readDouble();
            }
            v = a;
          }
          case BYTES -> v = in.readNBytes(n);
          default -> throw new IllegalArgumentException("unknown entry kind " + kind + " in the training state");
        }
        state.entries.put(name, v);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("the training state cannot be read: " + e.getMessage(), e);
    }
    return state;
  }
}
