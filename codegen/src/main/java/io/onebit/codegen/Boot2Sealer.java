package io.onebit.codegen;

import io.onebit.model.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the RP2040 second stage bootable: the boot ROM copies the first 256 bytes of flash to
 * SRAM and runs them only if the last 4 bytes are the CRC32 of the first 252 (polynomial
 * 0x04C11DB7, no reflection, initial value 0xFFFFFFFF, no final XOR, stored little-endian;
 * RP2040 datasheet 2.8.1.3.1). The Makefile builds boot2.bin; {@link FirmwareBuilder} seals it here.
 */
public final class Boot2Sealer {
  /** Bytes of code the boot ROM checks; the CRC follows. */
  public static final int PAYLOAD_BYTES = 252;

  private Boot2Sealer() {}

  /** CRC-32/MPEG-2: MSB-first, polynomial 0x04C11DB7, initial 0xFFFFFFFF, no final XOR. */
  public static int crc32(byte[] data, int length) {
    int crc = 0xFFFFFFFF;
    for (int i = 0; i < length; i++) {
      crc ^= (data[i] & 0xFF) << 24;
      for (int bit = 0; bit < 8; bit++) {
        crc = crc < 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
      }
    }
    return crc;
  }

  /** The 256-byte stage: {@code code} padded with zeros to 252 bytes, then its CRC. */
  public static byte[] seal(byte[] code) {
    if (code.length > PAYLOAD_BYTES) {
      throw new CodegenException("boot2 is " + code.length + " bytes; the RP2040 boot ROM loads at most " + PAYLOAD_BYTES);
    }
    byte[] stage = new byte[PAYLOAD_BYTES + 4];
    System.arraycopy(code, 0, stage, 0, code.length);
    int crc = crc32(stage, PAYLOAD_BYTES);
    for (int i = 0; i < 4; i++) {
      stage[PAYLOAD_BYTES + i] = (byte) (crc >>> (8 * i));
    }
    return stage;
  }

  /** Reads {@code bin}, writes the sealed stage to {@code sealed} (atomically). */
  static void seal(Path bin, Path sealed) {
    try {
      AtomicFiles.write(sealed, seal(Files.readAllBytes(bin)));
    } catch (IOException e) {
      throw new CodegenException("cannot seal boot2 " + bin + ": " + e.getMessage(), e);
    }
  }
}
