package io.onebit.trainer.distill;

import io.onebit.model.DeployModel;
import io.onebit.model.DenseOutputLayer;
import io.onebit.model.GoldenModel;
import io.onebit.model.InputSpec;
import io.onebit.model.TensorShape;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.math.Parallel;
import io.onebit.trainer.data.ShiftAugmentation;

/**
 * A teacher network's logits for training images as the student sees them (shifted or not).
 * The teacher is a deploy model run by the {@link GoldenModel}, so any onebit model can teach;
 * its logit of class j is the folded output BatchNorm's real value, score_j / 2^fractionBits.
 *
 * <p>Each (image, shift) is computed once and remembered: with shift augmentation of ±s pixels
 * there are (2s + 1)² versions of an image, so after a few epochs the teacher costs nothing
 * (a dense LFC teacher: about 40 µs per image; a CNN teacher several ms).
 */
public final class Teacher {
  private final GoldenModel golden;
  private final Dataset data;
  private final int maxShift;
  private final int classes;
  private final float scale;
  private final float[][] logits;
  private final boolean[][] known;

  /**
   * @param maxShift the largest shift the student's augmentation draws (0: none)
   * @throws IllegalArgumentException if the teacher does not read these images or classes
   */
  public Teacher(DeployModel model, Dataset data, int maxShift) {
    requireCompatible(model, data.shape(), data.classes());
    this.golden = new GoldenModel(model);
    this.data = data;
    this.maxShift = maxShift;
    this.classes = data.classes();
    DenseOutputLayer output = (DenseOutputLayer) model.layers().get(model.layers().size() - 1);
    this.scale = (float) Math.scalb(1.0, -output.fractionBits());
    int slots = (2 * maxShift + 1) * (2 * maxShift + 1);
    this.logits = new float[slots][];
    this.known = new boolean[slots][];
  }

  /**
   * Refuses, in one line, a teacher that does not read samples of this shape (height × width ×
   * channels: an RGB teacher teaches RGB data) into these classes.
   */
  public static void requireCompatible(DeployModel model, TensorShape shape, int classes) {
    InputSpec input = model.input();
    if (!input.shape().equals(shape)) {
      throw new IllegalArgumentException("the teacher reads " + input.shape() + " samples, the dataset has " + shape);
    }
    if (model.classes() != classes) {
      throw new IllegalArgumentException("the teacher has " + model.classes() + " classes, the dataset " + classes);
    }
  }

  public int classes() {
    return classes;
  }

  /**
   * Teacher logits of samples {@code order[from .. from+n)}, each shifted by {@code shifts[b]}
   * (packed as {@link ShiftAugmentation#drawShift} packs it), into {@code out} (n × classes).
   */
  public void logits(int[] order, int from, int n, long[] shifts, float[] out) {
    int[] slots = new int[n];
    int[] missing = new int[n];
    int misses = 0;
    for (int b = 0; b < n; b++) {
      int slot = slot(shifts[b]);
      slots[b] = slot;
      if (logits[slot] == null) {
        logits[slot] = new float[data.count() * classes];
        known[slot] = new boolean[data.count()];
      }
      if (!known[slot][order[from + b]]) {
        missing[misses++] = b;
      }
    }
    Parallel.range(misses, 1, (start, end) -> {
      byte[] image = new byte[data.sampleSize()];
      for (int m = start; m < end; m++) {
        int b = missing[m];
        int sample = order[from + b];
        ShiftAugmentation.shiftImage(data, sample, shifts[b], image);
        int[] scores = golden.infer(image).scores();
        for (int c = 0; c < classes; c++) {
          logits[slots[b]][sample * classes + c] = scores[c] * scale;
        }
      }
    });
    for (int m = 0; m < misses; m++) {
      known[slots[missing[m]]][order[from + missing[m]]] = true;
    }
    for (int b = 0; b < n; b++) {
      System.arraycopy(logits[slots[b]], order[from + b] * classes, out, b * classes, classes);
    }
  }

  private int slot(long shift) {
    int dy = (int) (shift >> 32);
    int dx = (int) shift;
    if (Math.abs(dy) > maxShift || Math.abs(dx) > maxShift) {
      throw new IllegalArgumentException("shift (" + dy + ", " + dx + ") beyond ±" + maxShift);
    }
    int side = 2 * maxShift + 1;
    return (dy + maxShift) * side + dx + maxShift;
  }
}
