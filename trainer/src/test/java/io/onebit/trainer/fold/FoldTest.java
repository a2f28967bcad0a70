package io.onebit.trainer.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DenseOutputLayer;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.InputSpec;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.nn.BatchNorm;
import io.onebit.trainer.nn.BinaryMlp;
import io.onebit.trainer.nn.EncodedImages;
import io.onebit.trainer.quant.SteSign;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The folded integer network predicts what the float network predicts (FINN-style: run both). */
class FoldTest {
  @ParameterizedTest
  @CsvSource({"7,7,'64,64,10'", "5,5,'33,10'", "8,8,'100,37,5'", "28,28,'256,256,256,10'"})
  void foldedNetworkAgreesWithTheFloatNetworkOnRandomLayers(int rows, int cols, String widthList) {
    Random random = new Random(rows * 31L + widthList.hashCode());
    int[] widths = java.util.Arrays.stream(widthList.split(",")).mapToInt(Integer::parseInt).toArray();
    int inputs = rows * cols;
    BinaryMlp network = new BinaryMlp(inputs, widths, new SteSign(), random);
    int in = inputs;
    for (int l = 0; l < widths.length; l++) {
      BatchNorm bn = network.norm(l);
      double[] mean = new double[widths[l]];
      double[] var = new double[widths[l]];
      for (int c = 0; c < widths[l]; c++) {
        int pick = random.nextInt(10);
        bn.gamma().value()[c] = pick == 0 ? 0f : pick == 1 ? -(0.1f + random.nextFloat()) : 0.1f + random.nextFloat();
        bn.beta().value()[c] = (float) random.nextGaussian();
        mean[c] = random.nextGaussian() * Math.sqrt(in);
        var[c] = in * (0.2 + random.nextDouble());
      }
      bn.setPopulationStatistics(mean, var);
      in = widths[l];
    }
    int samples = 2000;
    byte[] pixels = new byte[samples * inputs];
    random.nextBytes(pixels);
    byte[] labels = new byte[samples];
    int classes = widths[widths.length - 1];
    Dataset data = new Dataset("random", samples, rows, cols, pixels, labels, classes);
    int[] floatPredictions = network.predict(EncodedImages.threshold(data, 128), 100);

    DeployModel model = Fold.toDeployModel(network, "folded", InputSpec.thresholded(rows, cols, 1, 128), Map.of());
    GoldenModel golden = new GoldenModel(model);
    int agree = 0;
    for (int s = 0; s < samples; s++) {
      if (golden.infer(data.sample(s)).predictedClass() == floatPredictions[s]) {
        agree++;
      }
    }
    assertTrue(agree >= samples - 2, "agreement " + agree + "/" + samples);
    DenseOutputLayer output = (DenseOutputLayer) model.layers().get(model.layers().size() - 1);
    assertTrue(output.fractionBits() >= 8, "output keeps precision: F = " + output.fractionBits());
  }

  @ParameterizedTest
  @CsvSource({"33", "64", "65", "1"})
  void negatingARowKeepsPaddingZero(int k) {
    int[] rows = Fold.packRows(new float[k], k, 1);
    Fold.negateRow(rows, 0, k);
    for (int i = 0; i < k; i++) {
      assertEquals(1, io.onebit.model.BitPacking.bit(rows, 0, i));
    }
    assertEquals(0, rows[rows.length - 1] & ~io.onebit.model.BitPacking.lastWordMask(k));
  }
}
