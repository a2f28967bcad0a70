package io.onebit.trainer.train;

import io.onebit.trainer.data.Dataset;
import java.util.Random;

/** A small image task for tests: class c has a bright 4×4 block in quadrant c of an 8×8 noisy image. */
final class SyntheticImages {
  private SyntheticImages() {}

  static Dataset make(int count, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * 64];
    byte[] labels = new byte[count];
    for (int s = 0; s < count; s++) {
      int label = random.nextInt(4);
      labels[s] = (byte) label;
      for (int r = 0; r < 8; r++) {
        for (int c = 0; c < 8; c++) {
          boolean inBlock = (r / 4) == label / 2 && (c / 4) == label % 2;
          boolean bright = inBlock ? random.nextFloat() < 0.8f : random.nextFloat() < 0.15f;
          pixels[s * 64 + r * 8 + c] = (byte) (bright ? 200 + random.nextInt(56) : random.nextInt(100));
        }
      }
    }
    return new Dataset("synthetic", count, 8, 8, pixels, labels, 4);
  }
}
