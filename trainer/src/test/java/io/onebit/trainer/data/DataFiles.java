package io.onebit.trainer.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/** Writes the small data files the loader tests read: images, PGM, CSV, .npz. */
final class DataFiles {
  private DataFiles() {}

  /** A grey 8-bit image whose pixel (y, x) is {@code base + 10 y + x}. */
  static Path grey(Path file, int h, int w, int base) throws IOException {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.getRaster().setSample(x, y, 0, (base + 10 * y + x) & 0xff);
      }
    }
    return write(file, image);
  }

  /** An RGB image whose pixel (y, x) is (base + y, base + x, 200). */
  static Path rgb(Path file, int h, int w, int base) throws IOException {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, ((base + y) & 0xff) << 16 | ((base + x) & 0xff) << 8 | 200);
      }
    }
    return write(file, image);
  }

  private static Path write(Path file, BufferedImage image) throws IOException {
    Files.createDirectories(file.getParent());
    String name = file.getFileName().toString();
    String format = name.substring(name.lastIndexOf('.') + 1);
    if (!ImageIO.write(image, format.equals("jpg") ? "jpeg" : format, file.toFile())) {
      throw new IOException("no ImageIO writer for " + format);
    }
    return file;
  }

  /** A binary PGM (P5) with maxval 255 (one byte per pixel) or above (two, big-endian). */
  static Path pgm(Path file, int h, int w, int maxval, int[] values) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] header = ("P5\n" + w + " " + h + "\n" + maxval + "\n").getBytes(StandardCharsets.US_ASCII);
    int bytes = maxval > 255 ? 2 : 1;
    byte[] out = new byte[header.length + values.length * bytes];
    System.arraycopy(header, 0, out, 0, header.length);
    for (int i = 0; i < values.length; i++) {
      if (bytes == 1) {
        out[header.length + i] = (byte) values[i];
      } else {
        out[header.length + 2 * i] = (byte) (values[i] >> 8);
        out[header.length + 2 * i + 1] = (byte) values[i];
      }
    }
    Files.write(file, out);
    return file;
  }

  static Path text(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  static Path npz(Path file, Map<String, NpyWriter.Array> arrays) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, NpyWriter.npz(arrays));
    return file;
  }
}
