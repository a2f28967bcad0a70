package io.onebit.trainer.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.onebit.model.DenseOutputLayer;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import io.onebit.model.TensorShape;
import io.onebit.trainer.net.Activations;
import io.onebit.trainer.net.EncodedInputs;
import io.onebit.trainer.net.InputEncoding;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.RawSamples;
import io.onebit.trainer.data.ShiftAugmentation;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TeacherTest {
  private static final int SIDE = 6;

  private static Dataset images(int count, int classes, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * SIDE * SIDE];
    random.nextBytes(pixels);
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) random.nextInt(classes);
    }
    return new Dataset("random", count, SIDE, SIDE, pixels, labels, classes);
  }

  private static DeployModel teacher(int classes) {
    return RandomModels.fromSpec("t", InputSpec.bitplanes(SIDE, SIDE, 1), "conv8k3x3s1same,flatten,dense24,out" + classes,
        new Random(7));
  }

  @Test
  void logitsAreTheGoldenScoresOfTheShiftedImageInRealUnits() {
    Dataset data = images(20, 4, 1);
    DeployModel model = teacher(4);
    Teacher teacher = new Teacher(model, data, 2);
    int[] order = {3, 17, 3, 9, 0};
    long[] shifts = new long[order.length];
    Random random = new Random(2);
    for (int b = 0; b < shifts.length; b++) {
      shifts[b] = ShiftAugmentation.drawShift(random, 2, 1f);
    }
    float[] logits = new float[order.length * 4];
    teacher.logits(order, 0, order.length, shifts, logits);
    int fractionBits = ((DenseOutputLayer) model.layers().get(model.layers().size() - 1)).fractionBits();
    GoldenModel golden = new GoldenModel(model);
    for (int b = 0; b < order.length; b++) {
      byte[] image = new byte[SIDE * SIDE];
      ShiftAugmentation.shiftImage(data, order[b], shifts[b], image);
      int[] scores = golden.infer(image).scores();
      for (int c = 0; c < 4; c++) {
        assertEquals(Math.scalb((double) scores[c], -fractionBits), logits[b * 4 + c], 1e-6, "sample " + b);
      }
    }
    float[] again = new float[logits.length];
    teacher.logits(order, 0, order.length, shifts, again);
    assertArrayEquals(logits, again, "remembered logits");
  }

  @Test
  void theTeachersImageIsTheOneTheStudentWasGiven() {
    Dataset data = images(12, 3, 3);
    EncodedInputs inputs = new EncodedInputs(data, new InputEncoding.Bitplanes());
    int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    Activations batch = inputs.newBatch();
    long[] shifts = new long[order.length];
    inputs.gatherShifted(order, 0, order.length, batch, 2, 0.7f, new Random(4), shifts);
    float[] student = batch.values();
    byte[] image = new byte[SIDE * SIDE];
    for (int b = 0; b < order.length; b++) {
      ShiftAugmentation.shiftImage(data, order[b], shifts[b], image);
      for (int i = 0; i < image.length; i++) {
        assertEquals(image[i] & 0xff, student[b * SIDE * SIDE + i], "sample " + b + " pixel " + i);
      }
    }
  }

  @Test
  void aTeacherForOtherImagesOrClassesIsRefused() {
    Dataset data = images(4, 4, 5);
    var wrongClasses = assertThrows(IllegalArgumentException.class, () -> new Teacher(teacher(3), data, 1));
    assertEquals("the teacher has 3 classes, the dataset 4", wrongClasses.getMessage());
    DeployModel otherSize = RandomModels.dense("t", InputSpec.thresholded(5, 5, 1, 128), new int[] {8, 4},
        new Random(1));
    var wrongSize = assertThrows(IllegalArgumentException.class, () -> new Teacher(otherSize, data, 1));
    assertEquals("the teacher reads 5x5x1 samples, the dataset has 6x6x1", wrongSize.getMessage());
  }

  /** The channels count too: an RGB teacher teaches RGB data of its size, and a grey one is refused by its shape. */
  @Test
  void aTeacherIsHeldToTheDatasChannels() {
    Random random = new Random(3);
    int count = 6;
    byte[] pixels = new byte[count * SIDE * SIDE * 3];
    random.nextBytes(pixels);
    byte[] labels = new byte[count];
    Dataset rgb = new Dataset("rgb", count, new TensorShape(SIDE, SIDE, 3), RawSamples.uint8(pixels), labels,
        Dataset.indexNames(4), null, null);
    DeployModel rgbTeacher = RandomModels.fromSpec("t", InputSpec.bitplanes(SIDE, SIDE, 3),
        "conv8k3x3s1same,flatten,dense24,out4", new Random(7));
    Teacher teacher = new Teacher(rgbTeacher, rgb, 1);
    float[] logits = new float[4];
    teacher.logits(new int[] {2}, 0, 1, new long[1], logits);
    int[] scores = new GoldenModel(rgbTeacher).infer(java.util.Arrays.copyOfRange(pixels, 2 * SIDE * SIDE * 3,
        3 * SIDE * SIDE * 3)).scores();
    float scale = (float) Math.scalb(1.0, -((DenseOutputLayer) rgbTeacher.layers().get(rgbTeacher.layers().size() - 1))
        .fractionBits());
    for (int c = 0; c < 4; c++) {
      assertEquals(scores[c] * scale, logits[c], "class " + c);
    }
    var grey = assertThrows(IllegalArgumentException.class, () -> new Teacher(teacher(4), rgb, 1));
    assertEquals("the teacher reads 6x6x1 samples, the dataset has 6x6x3", grey.getMessage());
  }
}
