package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Boot2AndUf2Test {
  @Test
  void crcIsCrc32Mpeg2() {
    // The catalogued check value of CRC-32/MPEG-2 (poly 0x04C11DB7, init 0xFFFFFFFF, no reflection, no xor-out).
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x0376E6E7, Boot2Sealer.crc32(check, check.length));
  }

  @Test
  void sealedStageIs256BytesWithTheCrcOfThePaddedCodeLast() {
    byte[] stage = Boot2Sealer.seal(new byte[] {1, 2, 3});
    assertEquals(256, stage.length);
    assertEquals(Boot2Sealer.crc32(stage, 252), ByteBuffer.wrap(stage, 252, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    CodegenException e = assertThrows(CodegenException.class, () -> Boot2Sealer.seal(new byte[253]));
    assertTrue(e.getMessage().contains("at most 252"), e.getMessage());
  }

  @Test
  void uf2BlocksCarryAddressIndexCountAndFamily() {
    byte[] image = new byte[300];
    image[299] = 42;
    ByteBuffer uf2 = ByteBuffer.wrap(Uf2Writer.encode(image, 0x10000000L, 0xE48BFF56L)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1024, uf2.capacity());
    for (int b = 0; b < 2; b++) {
      int at = 512 * b;
      assertEquals(0x0A324655, uf2.getInt(at));
      assertEquals(0x9E5D5157, uf2.getInt(at + 4));
      assertEquals(0x00002000, uf2.getInt(at + 8));
      assertEquals(0x10000000 + 256 * b, uf2.getInt(at + 12));
      assertEquals(256, uf2.getInt(at + 16));
      assertEquals(b, uf2.getInt(at + 20));
      assertEquals(2, uf2.getInt(at + 24));
      assertEquals(0xE48BFF56, uf2.getInt(at + 28));
      assertEquals(0x0AB16F30, uf2.getInt(at + 508));
    }
    assertEquals(42, uf2.get(512 + 32 + 43));
  }

  @Test
  void unalignedUf2AddressIsRefused() {
    assertThrows(CodegenException.class, () -> Uf2Writer.encode(new byte[4], 0x10000004L, 1));
  }
}
