package io.onebit.trainer.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onebit.model.ConvGeometry;
import org.junit.jupiter.api.Test;

class Im2colTest {
  @Test
  void sameStrideTwoWindowsFollowTensorFlowPaddingAndReadThePadValue() {
    // 4x4 input, 3x3 kernel, stride 2, 'same': out 2x2, pad_total = 1, pad_top = pad_left = 0.
    ConvGeometry g = new ConvGeometry(4, 4, 3, 3, 2, "same");
    assertEquals(2, g.outHeight());
    assertEquals(0, g.padTop());
    float[] in = new float[16];
    for (int i = 0; i < 16; i++) {
      in[i] = i + 1;
    }
    float[] col = new float[2 * 2 * 9];
    Im2col.im2col(in, 1, g, 1, -7f, col);
    // Output (0, 0) reads rows 0..2, cols 0..2; output (1, 1) reads rows 2..4, cols 2..4 (row/col 4 is padding).
    assertArrayEquals(new float[] {1, 2, 3, 5, 6, 7, 9, 10, 11}, java.util.Arrays.copyOfRange(col, 0, 9));
    assertArrayEquals(new float[] {11, 12, -7, 15, 16, -7, -7, -7, -7}, java.util.Arrays.copyOfRange(col, 27, 36));
  }

  @Test
  void columnsHoldChannelsInnermostPerTapAndBatchesFollowEachOther() {
    ConvGeometry g = new ConvGeometry(2, 2, 2, 2, 1, "valid");
    float[] in = {1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18}; // two samples, 2x2x2
    float[] col = new float[2 * 8];
    Im2col.im2col(in, 2, g, 2, 0f, col);
    assertArrayEquals(in, col);
  }

  @Test
  void col2imIsTheAdjointOfIm2col() {
    // <im2col(x), c> = <x, col2im(c)> for any x, c: the backward of a gather is a scatter-add.
    ConvGeometry g = new ConvGeometry(5, 4, 3, 2, 2, "same");
    int channels = 3;
    java.util.Random r = new java.util.Random(1);
    float[] x = new float[2 * 5 * 4 * channels];
    int rows = 2 * g.outHeight() * g.outWidth();
    float[] c = new float[rows * 3 * 2 * channels];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat() - 0.5f;
    }
    for (int i = 0; i < c.length; i++) {
      c[i] = r.nextFloat() - 0.5f;
    }
    float[] col = new float[c.length];
    Im2col.im2col(x, 2, g, channels, 0f, col);
    float[] back = new float[x.length];
    Im2col.col2im(c, 2, g, channels, back);
    double left = 0;
    double right = 0;
    for (int i = 0; i < c.length; i++) {
      left += col[i] * c[i];
    }
    for (int i = 0; i < x.length; i++) {
      right += x[i] * back[i];
    }
    assertEquals(left, right, 1e-4);
  }
}
