package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.CodeGenerator;
import io.onebit.codegen.DeviceTrace;
import io.onebit.codegen.FirmwareBuilder;
import io.onebit.codegen.FirmwareImage;
import io.onebit.codegen.GoldenComparison;
import io.onebit.codegen.Kernels;
import io.onebit.codegen.QemuRunner;
import io.onebit.codegen.ResultLine;
import io.onebit.codegen.TestVectors;
import io.onebit.model.DeployModel;
import io.onebit.model.DenseSignLayer;
import io.onebit.model.GoldenModel;
import io.onebit.model.InputSpec;
import io.onebit.model.Layer;
import io.onebit.model.LayerTrace;
import io.onebit.model.RandomModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The firmware built to dump its layers ({@code onebit trace --board}) on QEMU's mps2-an386: every
 * tensor equal to the golden model's, and for firmware that disagrees with the golden model, the
 * comparison names the layer and element where the disagreement starts.
 */
class TraceOnQemuTest {
  private static final InputSpec INPUT = InputSpec.bitplanes(12, 12, 3);
  private static final String SPEC = "conv8k3x3s1same,pool2s2,conv33k3x3s2same,flatten,dense40,dense20,out5";
  private final Board board = Boards.load("mps2-an386");

  @Test
  void everyLayerOnTheCortexM4EqualsTheGoldenModel() {
    Random random = new Random(31);
    DeployModel model = RandomModels.fromSpec("traced", INPUT, SPEC, random);
    byte[] sample = RandomModels.sample(INPUT, random);
    LayerTrace device = DeviceTrace.onQemu(model, board, sample, QemuFixtures.WORK.resolve("trace-an386"), Kernels.BOARD);
    assertEquals(Optional.empty(), LayerTrace.firstDivergence(model, new GoldenModel(model).trace(sample), device));
    assertEquals(model.layers().size(), device.outputs().size());
  }

  /** Firmware of one model held against the golden model of another that differs in layer 5 only (dense20). */
  @Test
  void aMismatchOnQemuIsTracedToItsFirstLayer() {
    Random random = new Random(32);
    DeployModel built = RandomModels.fromSpec("traced", INPUT, SPEC, random);
    DeployModel expected = withThresholdsOfLayer5Shifted(built);
    byte[][] samples = QemuFixtures.samples(INPUT, 8, 33);
    Path work = QemuFixtures.WORK.resolve("trace-mismatch-an386");
    CodeGenerator.generate(built, board, work, new TestVectors(samples));
    FirmwareImage image = FirmwareBuilder.build(work, board);
    List<ResultLine> results = QemuRunner.run(image.elf(), board, Duration.ofSeconds(60)).results();
    GoldenComparison c = GoldenComparison.compare(expected, samples, results, null,
        sample -> DeviceTrace.onQemu(built, board, sample, work.resolve("trace"), Kernels.BOARD));
    System.out.println("[qemu] traced mismatch: " + c.summary());
    assertFalse(c.bitExact());
    assertTrue(c.firstDivergence().contains(": first difference at layer 5 (dense_sign) output 1x1x20, element "),
        c.firstDivergence());
  }

  /** Every threshold of layer 5 three lower: outputs whose mismatch count lies within 3 above it flip. */
  private static DeployModel withThresholdsOfLayer5Shifted(DeployModel model) {
    List<Layer> layers = new ArrayList<>(model.layers());
    DenseSignLayer d = (DenseSignLayer) layers.get(5);
    int[] thresholds = d.thresholds().clone();
    for (int j = 0; j < thresholds.length; j++) {
      thresholds[j] = Math.max(-1, thresholds[j] - 3);
    }
    layers.set(5, new DenseSignLayer(d.inputs(), d.outputs(), d.weights(), thresholds));
    return DeployModel.of(model.name(), model.input(), layers, model.info());
  }
}
