package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.CodeGenerator;
import io.onebit.codegen.DoesNotFitException;
import io.onebit.codegen.ElfSizes;
import io.onebit.codegen.FirmwareBuilder;
import io.onebit.codegen.FirmwareImage;
import io.onebit.codegen.Kernels;
import io.onebit.codegen.TestVectors;
import io.onebit.model.DeployModel;
import io.onebit.model.RandomModels;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * CI check: no M-profile firmware links libgcc's __popcountsi2 (what __builtin_popcount becomes on
 * Cortex-M). Builds every board in boards/, emulated or not, with both kernel families, an
 * SFC-shaped model where it fits and a TFC-shaped one where it does not, and reads the symbol table.
 */
class NoPopcountHelperTest {
  @TestFactory
  Stream<DynamicTest> noBoardLinksPopcountHelper() {
    DeployModel sfc = QemuFixtures.sfc(41);
    DeployModel tfc = RandomModels.dense("tfc", QemuFixtures.MNIST, new int[] {64, 64, 64, 10}, new Random(42));
    return Boards.names().stream().map(Boards::load).flatMap(board -> Stream.of(Kernels.OPTIMISED, Kernels.REFERENCE)
        .map(kernels -> DynamicTest.dynamicTest(board.name() + " " + kernels.makeValue(), () -> {
          Path dir = QemuFixtures.WORK.resolve("popcount-" + board.name());
          Path elf = build(sfc, board, dir, kernels);
          if (elf == null) {
            elf = build(tfc, board, dir, kernels);
          }
          assertTrue(elf != null, "neither SFC nor TFC fits " + board.name());
          assertFalse(ElfSizes.hasSymbol(elf, "__popcountsi2"), elf + " links __popcountsi2");
          assertTrue(ElfSizes.hasSymbol(elf, "Reset_Handler"), elf + " has no Reset_Handler");
        })));
  }

  /** The ELF, or null when the model does not fit the board. */
  private static Path build(DeployModel model, Board board, Path dir, Kernels kernels) {
    try {
      CodeGenerator.generate(model, board, dir, new TestVectors(QemuFixtures.samples(model.input(), 2, 43)));
      FirmwareImage image = FirmwareBuilder.build(dir, board, kernels);
      return image.elf();
    } catch (DoesNotFitException e) {
      return null;
    }
  }
}
