package io.onebit.codegen;

import io.onebit.model.DeployModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many generated models linked into one host program: each model's model.c is compiled on its own
 * (they share no name: every symbol and macro carries the model's prefix), a generated driver
 * includes every model.h and runs each model on its samples. This is how the fuzz test checks
 * thousands of models in minutes (one link per batch instead of one build per model), and it is
 * itself the host check that two or more generated models can live in one program.
 *
 * <p>Builds use {@code -std=c99 -pedantic -Wall -Wextra -Werror} and -O2 (the generated Makefile's host
 * level), or -O1 under AddressSanitizer and UndefinedBehaviorSanitizer (any report aborts the run).
 */
final class MultiModelHost {
  /** Flags of every host build here: the firmware's warnings, plus -pedantic. */
  static final String WARNINGS = "-std=c99 -pedantic -Wall -Wextra -Werror";
  static final String SANITIZERS = "-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  /** One model and the samples to run it on. */
  record Case(DeployModel model, byte[][] samples) {}

  private MultiModelHost() {}

  /**
   * Generates every model into {@code dir/<name>/}, builds one program, runs it and returns the
   * results per case (same order).
   *
   * @throws CodegenException when the build or the run fails (compiler or sanitizer output attached)
   */
  static List<List<ResultLine>> run(List<Case> cases, Path dir, Kernels kernels, boolean sanitize) throws IOException {
    Files.createDirectories(dir);
    CodeGenerator generator = new CodeGenerator();
    Board board = Boards.load(Boards.DEFAULT);
    StringBuilder driver = new StringBuilder();
    StringBuilder table = new StringBuilder();
    List<String> objects = new ArrayList<>();
    int maxSize = 1;
    int maxClasses = 1;
    for (Case c : cases) {
      String name = c.model().name();
      ModelView view = generator.write(c.model(), board, dir.resolve(name), null).model();
      driver.append("#include \"").append(name).append("/model.h\"\n");
      table.append("    {").append(view.inferFunction()).append(", ").append(view.macro()).append("_INPUT_SIZE, ")
          .append(view.macro()).append("_CLASSES},\n");
      objects.add(name + "/model.o");
      maxSize = Math.max(maxSize, view.inputSize());
      maxClasses = Math.max(maxClasses, view.classes());
    }
    Files.writeString(dir.resolve("driver.c"), driverSource(driver.toString(), table.toString(), maxSize, maxClasses));
    Files.writeString(dir.resolve("Makefile"), makefile(objects, kernels, sanitize));
    ProcessRunner.Result build = ProcessRunner.run(List.of("make", "-s", "-j2", "models"), dir, BUILD_TIMEOUT);
    if (!build.ok()) {
      throw new CodegenException("multi-model host build failed in " + dir + ": " + FirmwareBuilder.firstError(build),
          build.output());
    }
    Path samples = dir.resolve("samples.bin");
    Files.write(samples, samplesFile(cases));
    ProcessRunner.Result run = ProcessRunner.run(List.of(dir.resolve("models").toString(), samples.toString()), dir,
        RUN_TIMEOUT);
    if (!run.ok()) {
      throw new CodegenException("multi-model host program failed in " + dir + (run.timedOut() ? " (timed out)"
          : " with exit code " + run.exitCode()), tail(run.output()));
    }
    return parse(run.output(), cases);
  }

  private static String driverSource(String includes, String table, int maxSize, int maxClasses) {
    return "/* Runs every model of the batch on its samples: per model \"M <k>\", one R line per sample. */\n"
        + "#include <stdint.h>\n#include <stdio.h>\n\n" + includes + "\n"
        + "typedef int32_t (*infer_function)(const uint8_t *input, int32_t *scores);\n\n"
        + "static const struct {\n    infer_function infer;\n    uint32_t size;\n    uint32_t classes;\n} MODELS[] = {\n"
        + table + "};\n\n"
        + "static uint8_t sample[" + maxSize + "];\nstatic int32_t scores[" + maxClasses + "];\n\n"
        + "int main(int argc, char **argv)\n{\n"
        + "    FILE *in;\n"
        + "    if (argc != 2 || (in = fopen(argv[1], \"rb\")) == NULL) {\n        return 2;\n    }\n"
        + "    for (uint32_t m = 0; m < sizeof MODELS / sizeof MODELS[0]; m++) {\n"
        + "        uint32_t count;\n"
        + "        if (fread(&count, sizeof count, 1, in) != 1) {\n            return 3;\n        }\n"
        + "        printf(\"M %lu\\n\", (unsigned long)m);\n"
        + "        for (uint32_t i = 0; i < count; i++) {\n"
        + "            if (fread(sample, 1, MODELS[m].size, in) != MODELS[m].size) {\n                return 4;\n            }\n"
        + "            int32_t predicted = MODELS[m].infer(sample, scores);\n"
        + "            printf(\"R %lu %ld\", (unsigned long)i, (long)predicted);\n"
        + "            for (uint32_t j = 0; j < MODELS[m].classes; j++) {\n"
        + "                printf(\" %ld\", (long)scores[j]);\n            }\n"
        + "            printf(\" 0\\n\");\n        }\n    }\n"
        + "    fclose(in);\n    printf(\"END\\n\");\n    return 0;\n}\n";
  }

  private static String makefile(List<String> objects, Kernels kernels, boolean sanitize) {
    String family = kernels == Kernels.REFERENCE ? "-DONEBIT_FORCE_REFERENCE" : "-DONEBIT_FORCE_OPTIMISED";
    return "CC ?= gcc\n"
        + "CFLAGS := " + WARNINGS + (sanitize ? " -O1 " + SANITIZERS : " -O2") + " " + family + "\n"
        + "OBJECTS := " + String.join(" ", objects) + "\n\n"
        + "models: driver.o $(OBJECTS)\n\t$(CC) $(CFLAGS) -o $@ driver.o $(OBJECTS)\n\n"
        + "%.o: %.c\n\t$(CC) $(CFLAGS) -c -o $@ $<\n";
  }

  /** Per model: its sample count (uint32, little-endian), then its samples back to back. */
  private static byte[] samplesFile(List<Case> cases) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Case c : cases) {
      out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(c.samples().length).array());
      for (byte[] s : c.samples()) {
        out.writeBytes(s);
      }
    }
    return out.toByteArray();
  }

  private static List<List<ResultLine>> parse(String output, List<Case> cases) {
    List<List<ResultLine>> results = new ArrayList<>();
    boolean ended = false;
    for (String line : output.split("\\R")) {
      String[] f = line.strip().split(" ");
      if (f[0].equals("M")) {
        results.add(new ArrayList<>());
      } else if (f[0].equals("R") && !results.isEmpty()) {
        int[] scores = new int[f.length - 4];
        for (int j = 0; j < scores.length; j++) {
          scores[j] = Integer.parseInt(f[3 + j]);
        }
        results.get(results.size() - 1).add(new ResultLine(Integer.parseInt(f[1]), Integer.parseInt(f[2]), scores, 0));
      } else if (f[0].equals("END")) {
        ended = true;
      }
    }
    if (!ended || results.size() != cases.size()) {
      throw new CodegenException("multi-model host program printed " + results.size() + " of " + cases.size()
          + " models" + (ended ? "" : " and no END"), tail(output));
    }
    return results;
  }

  private static String tail(String output) {
    byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
    return bytes.length <= 8000 ? output : "..." + new String(bytes, bytes.length - 8000, 8000, StandardCharsets.UTF_8);
  }
}
