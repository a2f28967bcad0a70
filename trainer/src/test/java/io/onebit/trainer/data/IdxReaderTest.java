package io.onebit.trainer.data;

import static io.onebit.trainer.data.IdxFixtures.UNSIGNED_BYTE;
import static io.onebit.trainer.data.IdxFixtures.gzip;
import static io.onebit.trainer.data.IdxFixtures.idx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    AtomicFiles.write(file, bytes);
    return file;
  }

  private static byte[] pixels(int n) {
    byte[] p = new byte[n];
    for (int i = 0; i < n; i++) {
      p[i] = (byte) (255 - i);
    }
    return p;
  }

  /** Asserts that reading {@code file} as images fails with exactly "file: problem". */
  private static void assertImagesFail(Path file, String problem) {
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
    assertEquals(file + ": " + problem, e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  @Test
  void readsRawImagesWithUnsignedPixels() throws IOException {
    Path file = write("images", idx(UNSIGNED_BYTE, new int[] {2, 3, 4}, pixels(24)));
    IdxImages images = IdxReader.readImages(file);
    assertEquals(2, images.count());
    assertEquals(3, images.rows());
    assertEquals(4, images.cols());
    assertArrayEquals(pixels(24), images.pixels());
    assertEquals(255, images.pixels()[0] & 0xff);
  }

  @Test
  void readsLabels() throws IOException {
    Path file = write("labels", idx(UNSIGNED_BYTE, new int[] {3}, new byte[] {7, 0, 9}));
    assertArrayEquals(new byte[] {7, 0, 9}, IdxReader.readLabels(file));
  }

  @Test
  void recognisesGzipByContentNotName() throws IOException {
    byte[] raw = idx(UNSIGNED_BYTE, new int[] {2, 3, 4}, pixels(24));
    Path gzipWithoutSuffix = write("images", gzip(raw));
    Path rawWithSuffix = write("images-raw.gz", raw);
    assertArrayEquals(pixels(24), IdxReader.readImages(gzipWithoutSuffix).pixels());
    assertArrayEquals(pixels(24), IdxReader.readImages(rawWithSuffix).pixels());
  }

  @Test
  void checksumIsOfDecompressedContent() throws IOException {
    byte[] raw = IdxFixtures.labels(100, 10, 0);
    String sha = IdxReader.sha256(write("raw", raw));
    assertEquals(sha, IdxReader.sha256(write("zipped.gz", gzip(raw))));
    assertEquals(64, sha.length());
    // the SHA-256 of the empty input, a value anyone can check
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", IdxReader.sha256(new byte[0]));
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("t10k-images-idx3-ubyte.gz");
    assertImagesFail(file, "file not found");
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.sha256(file));
    assertEquals(file + ": file not found", e.getMessage());
  }

  @Test
  void emptyFile() throws IOException {
    assertImagesFail(write("empty", new byte[0]), "truncated: expected a 4-byte IDX magic number, found 0 bytes");
  }

  @Test
  void badMagic() throws IOException {
    Path png = write("image.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
    assertImagesFail(png, "not an IDX file: bad magic number 0x89504e47");
  }

  @Test
  void wrongElementType() throws IOException {
    Path floats = write("floats", idx(0x0D, new int[] {1, 1, 1}, new byte[4]));
    assertImagesFail(floats, "wrong element type 0x0d (expected 0x08, unsigned byte)");
  }

  @Test
  void labelsReadAsImages() throws IOException {
    Path labels = write("train-labels-idx1-ubyte", IdxFixtures.labels(5, 10, 0));
    assertImagesFail(labels, "wrong number of dimensions: 1 (expected 3 for images)");
    Path images = write("train-images-idx3-ubyte", IdxFixtures.images(1, 2, 2, 0));
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readLabels(images));
    assertEquals(images + ": wrong number of dimensions: 3 (expected 1 for labels)", e.getMessage());
  }

  @Test
  void truncatedHeader() throws IOException {
    byte[] header = Arrays.copyOf(idx(UNSIGNED_BYTE, new int[] {1, 2, 3}, new byte[0]), 10);
    assertImagesFail(write("short", header), "truncated: expected a 16-byte header, found 10 bytes");
  }

  @Test
  void truncatedPixels() throws IOException {
    Path file = write("t10k-images-idx3-ubyte", idx(UNSIGNED_BYTE, new int[] {10, 28, 28}, new byte[1234]));
    assertImagesFail(file, "truncated: expected 7840 pixel bytes, found 1234");
  }

  @Test
  void truncatedLabels() throws IOException {
    Path file = write("labels", idx(UNSIGNED_BYTE, new int[] {10}, new byte[9]));
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readLabels(file));
    assertEquals(file + ": truncated: expected 10 label bytes, found 9", e.getMessage());
  }

  @Test
  void trailingGarbage() throws IOException {
    Path file = write("images", idx(UNSIGNED_BYTE, new int[] {1, 2, 2}, new byte[7]));
    assertImagesFail(file, "trailing garbage: 3 bytes after the 4 pixel bytes");
  }

  @Test
  void emptyImageDimensions() throws IOException {
    assertImagesFail(write("images", idx(UNSIGNED_BYTE, new int[] {5, 0, 28}, new byte[0])),
        "bad dimensions: images of 0x28 pixels");
  }

  @Test
  void impossibleDimensions() throws IOException {
    assertImagesFail(write("huge", idx(UNSIGNED_BYTE, new int[] {100_000, 100_000, 100_000}, new byte[0])),
        "bad dimensions: 100000x100000x100000 is more than 2 GiB of pixel bytes");
    assertImagesFail(write("unsigned", idx(UNSIGNED_BYTE, new int[] {-1, 28, 28}, new byte[0])),
        "bad dimensions: size 4294967295 is too large");
  }

  @Test
  void corruptGzip() throws IOException {
    byte[] zipped = gzip(IdxFixtures.images(50, 28, 28, 3));
    for (int i = 12; i < zipped.length - 8; i += 3) {
      zipped[i] ^= 0x5a;
    }
    Path file = write("images.gz", zipped);
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
    assertTrue(e.getMessage().startsWith(file + ": corrupt gzip: "), e.getMessage());
  }

  @Test
  void truncatedGzip() throws IOException {
    byte[] zipped = gzip(IdxFixtures.images(50, 28, 28, 3));
    Path file = write("images.gz", Arrays.copyOf(zipped, zipped.length / 2));
    assertImagesFail(file, "corrupt gzip: Unexpected end of ZLIB input stream");
  }
}
