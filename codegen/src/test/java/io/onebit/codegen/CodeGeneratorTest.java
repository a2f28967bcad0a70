package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.DenseOutputLayer;
import io.onebit.model.DenseSignLayer;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeGeneratorTest {
  @TempDir Path dir;

  /** 33 inputs (2 words, 1 padding-limited bit in the second), 3 hidden units, 2 classes. */
  static DeployModel tiny(String name) {
    DenseSignLayer hidden = new DenseSignLayer(33, 3,
        new int[] {0x12345678, 1, 0xdeadbeef, 0, -1, 1}, new int[] {-1, 17, 33});
    DenseOutputLayer output = new DenseOutputLayer(3, 2, new int[] {5, 2}, new int[] {1, -2}, new int[] {7, -2147483000}, 0);
    return DeployModel.of(name, InputSpec.thresholded(1, 33, 1, 100), List.of(hidden, output), Map.of());
  }

  private String read(String file) throws IOException {
    return Files.readString(dir.resolve(file));
  }

  @Test
  void writesEveryFileOfTheProject() throws IOException {
    CodeGenerator.GeneratedSources out = CodeGenerator.generate(tiny("tiny"), Boards.load("mps2-an386"), dir, null);
    for (String f : List.of("model.h", "model.c", "vectors.h", "vectors.c", "harness.c", "linker.ld", "Makefile",
        "onebit/kernels/kernels.h", "onebit/kernels/dense_sign.h", "onebit/cortexm/startup.c",
        "onebit/cortexm/console_semihosting.c", "onebit/common/format.c", "onebit/host/host_driver.c")) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f);
      assertTrue(out.files().contains(dir.resolve(f)), f);
    }
    try (Stream<Path> all = Files.walk(dir)) {
      assertFalse(all.anyMatch(p -> p.toString().endsWith(".tmp")), "temporary files left behind");
    }
  }

  @Test
  void modelCarriesPackedWeightsThresholdsAndExactBuffers() throws IOException {
    CodeGenerator.generate(tiny("tiny"), Boards.load("mps2-an386"), dir, null);
    String c = read("model.c");
    assertTrue(c.contains("static const uint32_t tiny_l0_weights[3 * 2] = {\n"
        + "    0x12345678u, 0x00000001u, 0xdeadbeefu, 0x00000000u, 0xffffffffu, 0x00000001u,\n};"), c);
    assertTrue(c.contains("static const int16_t tiny_l0_thresholds[3] = {\n    -1, 17, 33,\n};"), c);
    assertTrue(c.contains("static const int32_t tiny_l1_scale[2] = {\n    1, -2,\n};"), c);
    assertTrue(c.contains("static const int32_t tiny_l1_offset[2] = {\n    7, -2147483000,\n};"), c);
    // One arena of the largest input + output pair: 2 input words + 1 output word.
    assertTrue(c.contains("static uint32_t tiny_arena[3];"), c);
    assertTrue(c.contains("#define TINY_INPUT_THRESHOLD 100"), c);
    assertTrue(c.contains("onebit_dense_sign(tiny_arena, tiny_l0_weights, tiny_l0_thresholds, tiny_arena + 2, 2u, 3u);"), c);
    assertTrue(c.contains("onebit_dense_output(tiny_arena + 2, tiny_l1_weights, tiny_l1_scale, tiny_l1_offset, scores, 3u, 1u, 2u);"), c);
    assertTrue(c.contains("int32_t tiny_infer(const uint8_t *input, int32_t *scores)"), c);
    String h = read("model.h");
    assertTrue(h.contains("#define TINY_INPUT_SIZE 33u"), h);
    assertTrue(h.contains("#define TINY_CLASSES 2u"), h);
    assertPrefixed(h, "TINY_", "tiny_");
    assertPrefixed(read("vectors.h"), "TINY_", "tiny_");
  }

  /** Every macro a header defines and every name it declares carries the model's prefix (two models in one program). */
  static void assertPrefixed(String header, String macro, String prefix) {
    for (String line : header.split("\n")) {
      java.util.regex.Matcher define = java.util.regex.Pattern.compile("^#\\s*(?:define|ifndef)\\s+(\\w+)").matcher(line);
      if (define.find()) {
        assertTrue(define.group(1).startsWith(macro), line);
      }
      java.util.regex.Matcher declaration = java.util.regex.Pattern.compile(
          "^(?:extern\\s+)?(?:const\\s+)?\\w+\\s*\\*?\\s*(\\w+)\\s*[\\[(]").matcher(line);
      if (declaration.find()) {
        assertTrue(declaration.group(1).startsWith(prefix), line);
      }
    }
  }

  @Test
  void boardFactsReachTheMakefileAndLinkerScript() throws IOException {
    CodeGenerator.generate(tiny("tiny"), Boards.load("mps2-an385"), dir, null);
    String make = read("Makefile");
    assertTrue(make.contains("-mcpu=cortex-m3 -mthumb"), make);
    assertTrue(make.contains("-DONEBIT_CPU_CORTEX_M3"), make);
    assertTrue(make.contains("-nostdlib"), make);
    assertTrue(make.contains("onebit/cortexm/console_semihosting.c"), make);
    assertTrue(make.contains("$(QEMU) -M mps2-an385 "), make);
    assertTrue(make.contains("\n\t$(CC) $(CFLAGS) -c -o $@ $<\n"), "recipes must start with a tab");
    String ld = read("linker.ld");
    assertTrue(ld.contains("FLASH (rx) : ORIGIN = 0x00000000, LENGTH = 0x00400000"), ld);
    assertTrue(ld.contains("RAM (rwx)  : ORIGIN = 0x20000000, LENGTH = 0x00400000"), ld);
  }

  @Test
  void vectorsHoldTheSamples() throws IOException {
    byte[][] samples = new byte[2][33];
    samples[1][0] = (byte) 255;
    CodeGenerator.generate(tiny("tiny"), Boards.load("mps2-an386"), dir, new TestVectors(samples));
    assertTrue(read("vectors.h").contains("#define TINY_TEST_VECTOR_COUNT 2u"));
    assertTrue(read("vectors.c").contains("{\n        255, 0, 0,"), read("vectors.c"));
    CodegenException e = assertThrows(CodegenException.class, () -> CodeGenerator.generate(
        tiny("tiny"), Boards.load("mps2-an386"), dir, new TestVectors(new byte[][] {new byte[5]})));
    assertEquals("test vector 0 has 5 bytes, the model's input has 33", e.getMessage());
  }

  @Test
  void builtInVectorsAreUsedWithoutSamples() throws IOException {
    CodeGenerator.generate(tiny("tiny"), Boards.load("mps2-an386"), dir, null);
    assertTrue(read("vectors.h").contains("#define TINY_TEST_VECTOR_COUNT " + TestVectors.builtIn(tiny("t").input()).samples().length + "u"));
  }

  @Test
  void keywordModelNamesAreSanitised() throws IOException {
    CodeGenerator.generate(tiny("int"), Boards.load("mps2-an386"), dir, null);
    assertTrue(read("model.h").contains("int32_t int_model_infer(const uint8_t *input, int32_t *scores);"));
    assertTrue(read("model.c").contains("static const uint32_t int_model_l0_weights"));
  }

  @Test
  void noTemplateReferenceIsLeftUnrendered() throws IOException {
    CodeGenerator.generate(tiny("tiny"), Boards.load("mps2-an386"), dir, null);
    for (String f : List.of("model.h", "model.c", "vectors.h", "vectors.c", "harness.c", "linker.ld")) {
      String text = read(f);
      assertFalse(text.contains("${") || text.contains("$layer") || text.contains("$model"), f);
      assertFalse(text.contains("\\#"), f);
    }
  }

  @Test
  void weightBytesAndSymbolsComeFromTheView() {
    ModelView view = ModelView.of(tiny("tiny"), Boards.load("mps2-an386"));
    assertEquals(List.of("tiny_l0_weights", "tiny_l1_weights"), view.weightSymbols());
    assertEquals(4 * (6 + 2), view.weightBytes());
  }
}
