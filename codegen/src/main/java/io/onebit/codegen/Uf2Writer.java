package io.onebit.codegen;

import io.onebit.model.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes UF2, the format of USB mass-storage bootloaders (the RP2040 boot ROM's BOOTSEL drive):
 * 512-byte blocks, each carrying 256 bytes of the image, its flash address, its index and the
 * block count, and a family ID so a bootloader can refuse images for another chip. Little-endian
 * fields per the UF2 specification (github.com/microsoft/uf2): magic 0x0A324655, 0x9E5D5157,
 * flags, address, payload size, block number, block count, family ID, 476 data bytes, magic 0x0AB16F30.
 */
public final class Uf2Writer {
  static final int BLOCK_BYTES = 512;
  static final int PAYLOAD_BYTES = 256;
  private static final int MAGIC_START_0 = 0x0A324655;
  private static final int MAGIC_START_1 = 0x9E5D5157;
  private static final int MAGIC_END = 0x0AB16F30;
  /** Flag: the "file size" field holds a family ID. */
  private static final int FLAG_FAMILY_ID = 0x00002000;

  private Uf2Writer() {}

  /** The UF2 image of {@code image}, which is loaded at {@code address}. */
  public static byte[] encode(byte[] image, long address, long familyId) {
    if (address % PAYLOAD_BYTES != 0) {
      throw new CodegenException("UF2 image address " + CLiterals.hex(address) + " is not 256-byte aligned");
    }
    int blocks = Math.max(1, (image.length + PAYLOAD_BYTES - 1) / PAYLOAD_BYTES);
    ByteBuffer out = ByteBuffer.allocate(blocks * BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int b = 0; b < blocks; b++) {
      int start = b * PAYLOAD_BYTES;
      int length = Math.min(PAYLOAD_BYTES, image.length - start);
      out.putInt(MAGIC_START_0).putInt(MAGIC_START_1).putInt(FLAG_FAMILY_ID)
          .putInt((int) (address + start)).putInt(PAYLOAD_BYTES).putInt(b).putInt(blocks).putInt((int) familyId);
      byte[] data = new byte[476]; // the payload, zero-padded: a partial last block still programs 256 bytes
      if (length > 0) {
        System.arraycopy(image, start, data, 0, length);
      }
      out.put(data).putInt(MAGIC_END);
    }
    return out.array();
  }

  /** Converts a raw binary (objcopy -O binary, starting at {@code address}) into a .uf2 file. */
  static void write(Path bin, long address, long familyId, Path uf2) {
    try {
      AtomicFiles.write(uf2, encode(Files.readAllBytes(bin), address, familyId));
    } catch (IOException e) {
      throw new CodegenException("cannot write " + uf2 + ": " + AtomicFiles.rootReason(e), e);
    }
  }
}
