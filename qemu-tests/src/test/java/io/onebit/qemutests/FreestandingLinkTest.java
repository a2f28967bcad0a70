package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.CodeGenerator;
import io.onebit.codegen.DoesNotFitException;
import io.onebit.codegen.ElfFile;
import io.onebit.codegen.FirmwareBuilder;
import io.onebit.codegen.FirmwareImage;
import io.onebit.codegen.GoldenComparison;
import io.onebit.codegen.Kernels;
import io.onebit.codegen.QemuRunner;
import io.onebit.codegen.ResultLine;
import io.onebit.codegen.TestVectors;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.RandomModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every board, both kernel families: models built to provoke every call a compiler may insert into
 * freestanding code link with {@code -nostdlib} and no libgcc. Zeroed or copied local arrays and
 * large windows (memset/memcpy), divisions (__aeabi_uidiv on the M0), 64-bit shifts and multiplies
 * (__aeabi_llsl, __aeabi_lmul), popcount and bit-scan builtins (__popcountsi2, __ctzsi2): the model
 * object may reference only the runtime's memset/memcpy/memmove/memcmp, and no helper is linked.
 * Each model object defines no global name without the model's prefix. On the emulated boards each
 * image also runs on QEMU and prints the golden model's scores: the fault report's bigk2 (which did
 * not link) builds and runs on every board it fits, a 16 x 16 bigk2 on the micro:bit's 16 KiB.
 *
 * <p>The models: the fault report's bigk2 (a 13 x 13 kernel over 64 channels after a stride-4 'same'
 * conv), the widest fan-ins the C takes (15 x 15 over 145 channels; a dense layer of 32,000 inputs),
 * rectangular 1 x 15 and 15 x 1 kernels with strides 3 and 4, an 8-bit layer in chunks (15 x 15 x 3),
 * re-packing flattens and dense layers on the row and the column kernel; and a 5 x 3 conv on a 1 x 1 input,
 * on which the compiler itself once failed.
 */
class FreestandingLinkTest {
  private static final Set<String> RUNTIME = Set.of("memset", "memcpy", "memmove", "memcmp");
  /** libgcc's and libc's names: none may appear in a firmware image. */
  private static final Pattern HELPER = Pattern.compile("__aeabi_\\w+|__\\w+[sdt]i[23]|__popcount\\w*|__clz\\w*|__ctz\\w*"
      + "|__gnu_\\w+|abort|malloc|free|printf|puts|__stack_chk_\\w+");

  static List<DeployModel> stressModels() {
    Random random = new Random(17);
    return List.of(
        RandomModels.fromSpec("bigk2", InputSpec.thresholded(28, 28, 1, 128),
            "conv64k3x3s4same,conv33k13x13s1same,flatten,out10", random),
        RandomModels.fromSpec("wide", InputSpec.thresholded(15, 15, 145, 100),
            "conv2k15x15s1valid,conv40k1x1s1same,flatten,dense33,out3", random),
        RandomModels.fromSpec("rect", InputSpec.thresholded(20, 18, 33, 60),
            "conv31k1x15s3same,conv5k15x1s4same,pool2x1s1,flatten,dense7,out4", random),
        RandomModels.fromSpec("planes", InputSpec.bitplanes(16, 16, 3),
            "conv20k15x15s2same,pool2s2,conv33k3x3s1same,flatten,out5", random),
        RandomModels.dense("fanin", InputSpec.thresholded(1, 32000, 1, 128), new int[] {20, 64, 10}, random),
        // arm-none-eabi-gcc 12.2 crashed (internal compiler error) on the conv kernel's inline assembly here:
        // found by FuzzOnQemuTest, see onebit_cols_block_asm.
        RandomModels.fromSpec("ice", InputSpec.thresholded(1, 1, 1, 128), "conv7k5x3s1same,flatten,out7", random));
  }

  /** The reference kernels are plain loops: three models suffice for them. */
  private static final Set<String> REFERENCE_MODELS = Set.of("bigk2", "planes", "ice");

  @TestFactory
  Stream<DynamicTest> everyBoardLinksWithoutLibcOrLibgcc() {
    List<DeployModel> models = new ArrayList<>(stressModels());
    models.add(RandomModels.fromSpec("bigk2_small", InputSpec.thresholded(16, 16, 1, 128),
        "conv64k3x3s4same,conv33k13x13s1same,flatten,out10", new Random(18))); // bigk2 within 16 KiB of RAM
    return Boards.names().stream().map(Boards::load).flatMap(board -> Stream.of(Kernels.OPTIMISED, Kernels.REFERENCE)
        .map(kernels -> DynamicTest.dynamicTest(board.name() + " " + kernels.makeValue(), () -> {
          List<String> built = new ArrayList<>();
          for (DeployModel model : models) {
            if (kernels == Kernels.REFERENCE && !REFERENCE_MODELS.contains(model.name())) {
              continue;
            }
            byte[][] samples = QemuFixtures.samples(model.input(), 3, 43);
            FirmwareImage image = build(model, board, kernels, samples);
            if (image == null) {
              continue;
            }
            check(model, image);
            if (board.emulated() && kernels == Kernels.OPTIMISED) { // and it runs, bit-exact
              List<ResultLine> results = QemuRunner.run(image.elf(), board, Duration.ofMinutes(2)).results();
              GoldenComparison g = GoldenComparison.compare(model, samples, results, null);
              assertTrue(g.bitExact(), board.name() + " " + model.name() + ": " + g.summary());
            }
            built.add(model.name());
          }
          assertTrue(built.size() >= 2, board.name() + " fits only " + built);
          assertTrue(kernels == Kernels.REFERENCE || built.contains("bigk2") || built.contains("bigk2_small"),
              board.name() + " built " + built);
        })));
  }

  /** The image, or null when the model does not fit the board. */
  private static FirmwareImage build(DeployModel model, Board board, Kernels kernels, byte[][] samples) {
    try {
      var dir = QemuFixtures.WORK.resolve("freestanding-" + board.name() + "-" + model.name());
      CodeGenerator.generate(model, board, dir, new TestVectors(samples));
      return FirmwareBuilder.build(dir, board, kernels);
    } catch (DoesNotFitException e) {
      return null;
    }
  }

  private static void check(DeployModel model, FirmwareImage image) {
    ElfFile object = ElfFile.read(image.modelObject());
    for (ElfFile.Symbol s : object.symbols()) {
      if (s.undefined()) {
        assertTrue(RUNTIME.contains(s.name()), image.modelObject() + " calls " + s.name());
      } else if (s.global()) {
        assertTrue(s.name().startsWith(model.name() + "_"), image.modelObject() + " defines " + s.name());
      }
    }
    for (ElfFile.Symbol s : ElfFile.read(image.elf()).symbols()) {
      assertTrue(!HELPER.matcher(s.name()).matches(), image.elf() + " links " + s.name());
    }
    assertTrue(ElfFile.read(image.elf()).symbols().stream().anyMatch(s -> s.name().equals("Reset_Handler")));
  }
}
