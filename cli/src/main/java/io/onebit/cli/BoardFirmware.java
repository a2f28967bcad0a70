package io.onebit.cli;

import io.onebit.codegen.Board;
import io.onebit.codegen.CodeGenerator;
import io.onebit.codegen.ElfSizes;
import io.onebit.codegen.ExpectedResults;
import io.onebit.codegen.FirmwareBuilder;
import io.onebit.codegen.FirmwareImage;
import io.onebit.codegen.TestVectors;
import io.onebit.model.DeployModel;
import io.onebit.trainer.data.Dataset;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code build} and {@code flash} share: generate the model's firmware for a board, build
 * its images, and write {@code expected-results.txt}, the golden model's lines the board must print.
 */
final class BoardFirmware {
  private BoardFirmware() {}

  /** A built firmware and the sizes worth printing. */
  record Built(FirmwareImage image, ElfSizes sizes, Path expected) {}

  /**
   * @param samples dataset test samples to embed, or 0 for the built-in vectors (all-0, all-255, random)
   */
  static Built build(DeployModel model, Board board, Path out, int samples, Dataset test) {
    TestVectors vectors = samples > 0 ? datasetVectors(test, samples) : TestVectors.builtIn(model.input());
    CodeGenerator.GeneratedSources sources = CodeGenerator.generate(model, board, out, vectors);
    FirmwareImage image = FirmwareBuilder.build(out, board);
    Path expected = out.resolve("expected-results.txt");
    ExpectedResults.write(model, vectors, expected);
    return new Built(image, ElfSizes.of(image, sources.model()), expected);
  }

  private static TestVectors datasetVectors(Dataset test, int samples) {
    byte[][] inputs = new byte[Math.min(samples, test.count())][];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = test.sample(i);
    }
    return new TestVectors(inputs);
  }

  /** Prints the images and the memory the firmware takes on the board. */
  static void print(Built built, Board board) {
    Map<String, Path> images = new TreeMap<>(built.image().images());
    images.forEach((format, path) -> Console.out().printf("%-4s %s%n", format, path));
    Console.out().printf("expected serial output: %s%n", built.expected());
    Console.out().printf("flash %d of %d bytes (model %d, weights %d); RAM %d + stack %d of %d bytes%n",
        built.sizes().firmware().flashBytes(), board.flashSize(), built.sizes().model().flashBytes(),
        built.sizes().weightBytes(), built.sizes().firmware().ramBytes(), built.image().stackBytes(), board.ramSize());
    if (board.uart() != null) {
      Console.out().printf("console: %s at %d baud, 8N1 (results as R lines, then END)%n", board.uart().driver(), board.uart().baud());
    }
  }
}
