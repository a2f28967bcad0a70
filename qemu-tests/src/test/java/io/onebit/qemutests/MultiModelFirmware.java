package io.onebit.qemutests;

import io.onebit.codegen.Board;
import io.onebit.codegen.CodeGenerator;
import io.onebit.codegen.CodegenException;
import io.onebit.codegen.HarnessOutput;
import io.onebit.codegen.QemuRunner;
import io.onebit.codegen.ResultLine;
import io.onebit.codegen.TestVectors;
import io.onebit.model.DeployModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Several generated models linked into one firmware and run on QEMU, as a user would embed two
 * networks in one program: each model is generated into its own directory with its samples as
 * its (prefixed) test vectors; a harness includes every {@code model.h} and {@code vectors.h} and
 * prints the usual R lines, model after model. The build takes the board's flags from the first
 * model's Makefile ({@code make print-CFLAGS}), so it is the firmware build users get.
 */
final class MultiModelFirmware {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  /** One model and its samples. */
  record Case(DeployModel model, byte[][] samples) {}

  /** The linked firmware and the results per model. */
  record Outcome(Path elf, List<List<ResultLine>> results) {}

  private MultiModelFirmware() {}

  static Outcome run(List<Case> cases, Board board, Path dir) throws IOException, InterruptedException {
    if (Files.exists(dir)) {
      io.onebit.model.AtomicFiles.deleteTree(dir);
    }
    Files.createDirectories(dir);
    List<String> names = new ArrayList<>();
    StringBuilder includes = new StringBuilder();
    StringBuilder calls = new StringBuilder();
    int maxClasses = 1;
    for (Case c : cases) {
      String name = c.model().name();
      CodeGenerator.GeneratedSources g = CodeGenerator.generate(c.model(), board, dir.resolve(name),
          new TestVectors(c.samples()));
      String macro = g.model().macro();
      includes.append("#include \"").append(name).append("/model.h\"\n#include \"").append(name)
          .append("/vectors.h\"\n");
      calls.append("    for (uint32_t i = 0; i < ").append(macro).append("_TEST_VECTOR_COUNT; i++) {\n")
          .append("        int32_t predicted = ").append(g.model().inferFunction()).append("(")
          .append(g.model().prefix()).append("_test_vectors[i], scores);\n")
          .append("        print_result(index++, predicted, scores, ").append(macro).append("_CLASSES);\n    }\n");
      names.add(name);
      maxClasses = Math.max(maxClasses, c.model().classes());
    }
    String first = names.get(0);
    Files.writeString(dir.resolve("main.c"), harness(first, includes.toString(), calls.toString(), maxClasses));
    // Built in the first model's directory: its Makefile's flags, linker script and runtime.
    List<String> sources = new ArrayList<>(List.of("../main.c"));
    for (String name : names) {
      sources.add("../" + name + "/model.c");
      sources.add("../" + name + "/vectors.c");
    }
    Files.writeString(dir.resolve(first).resolve("multi.mk"), "include Makefile\n"
        + "MULTI := " + String.join(" ", sources) + " $(filter onebit/%,$(SOURCES))\n"
        + "multi.elf: $(MULTI) linker.ld\n\t@mkdir -p $(BUILD)\n\t$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(MULTI)\n");
    run(List.of("make", "-s", "-f", "multi.mk", "KERNELS=board", "multi.elf"), dir.resolve(first));
    Path elf = dir.resolve(first).resolve("multi.elf");
    int total = cases.stream().mapToInt(c -> c.samples().length).sum();
    HarnessOutput output = QemuRunner.run(elf, board, TIMEOUT);
    if (output.results().size() != total) {
      throw new CodegenException("multi-model firmware printed " + output.results().size() + " of " + total
          + " results", output.raw());
    }
    List<List<ResultLine>> perModel = new ArrayList<>();
    int at = 0;
    for (Case c : cases) {
      List<ResultLine> mine = new ArrayList<>();
      for (int i = 0; i < c.samples().length; i++) {
        ResultLine r = output.results().get(at++);
        mine.add(new ResultLine(i, r.predictedClass(), Arrays.copyOf(r.scores(), c.model().classes()), 0));
      }
      perModel.add(mine);
    }
    return new Outcome(elf, perModel);
  }

  private static String harness(String first, String includes, String calls, int maxClasses) {
    return "/* Runs every model on its test vectors: R <index> <class> <scores...> 0, indices counting on. */\n"
        + "#include <stdint.h>\n\n" + includes
        + "#include \"" + first + "/onebit/common/format.h\"\n"
        + "#include \"" + first + "/onebit/cortexm/console.h\"\n\n"
        + "static char line[1 + 12 * (" + maxClasses + "u + 4u) + 2];\n\n"
        + "static void print_result(uint32_t index, int32_t predicted, const int32_t *scores, uint32_t classes)\n{\n"
        + "    char *p = onebit_format_text(line, \"R \");\n"
        + "    p = onebit_format_int(p, (int32_t)index);\n    *p++ = ' ';\n"
        + "    p = onebit_format_int(p, predicted);\n"
        + "    for (uint32_t j = 0; j < classes; j++) {\n        *p++ = ' ';\n        p = onebit_format_int(p, scores[j]);\n    }\n"
        + "    p = onebit_format_text(p, \" 0\\n\");\n    *p = '\\0';\n    onebit_console_write(line);\n}\n\n"
        + "int main(void)\n{\n    int32_t scores[" + maxClasses + "];\n    uint32_t index = 0;\n"
        + calls
        + "    char *p = onebit_format_text(line, \"END \");\n"
        + "    p = onebit_format_int(p, (int32_t)index);\n    *p++ = '\\n';\n    *p = '\\0';\n"
        + "    onebit_console_write(line);\n    return 0;\n}\n";
  }

  private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new CodegenException("multi-model firmware build failed in " + dir,
          new String(out, StandardCharsets.UTF_8));
    }
  }
}
