package io.onebit.codegen;

import io.onebit.model.AtomicFiles;
import io.onebit.model.DeployModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a deploy model and a board into a self-contained C project directory:
 *
 * <pre>
 *   model.h, model.c        the network (weights in flash, static activation buffers, &lt;name&gt;_infer)
 *   vectors.h, vectors.c    test samples for the harness
 *   harness.c               the QEMU harness (timing with SysTick, results over semihosting)
 *   board_uart.h            a real board's serial console: UART base, baud divisor, setup steps
 *   linker.ld, Makefile     the board's memory map; firmware images and a host build
 *   onebit/...              the hand-written runtime: kernels, startup, console, formatting, host driver
 * </pre>
 *
 * Every file is written atomically (temporary file, then rename).
 */
public final class CodeGenerator {
  private final TemplateRenderer renderer = new TemplateRenderer();

  /** The directory and the files written. */
  public record GeneratedSources(Path dir, ModelView model, List<Path> files) {}

  /**
   * Generates the project for {@code model} on {@code board} into {@code outDir}.
   *
   * @param vectors samples for the harness, or null for {@link TestVectors#builtIn} samples
   * @throws CodegenException (one line, with the numbers) when the model cannot fit the board, see {@link FitCheck}
   */
  public static GeneratedSources generate(DeployModel model, Board board, Path outDir, TestVectors vectors) {
    return new CodeGenerator().write(model, board, outDir, vectors);
  }

  /** As {@link #generate}, reusing this generator's template engine. */
  public GeneratedSources write(DeployModel model, Board board, Path outDir, TestVectors vectors) {
    ModelView modelView = ModelView.of(model, board);
    TestVectors samples = vectors == null ? TestVectors.builtIn(model.input()) : vectors;
    samples.requireSize(model.input().sampleBytes());
    FitCheck.beforeBuild(modelView, board, model.name(), samples);
    Map<String, Object> context = Map.of("model", modelView, "board", BoardView.of(board), "vectors",
        VectorsView.of(samples, model.input().type()), "trace", TraceView.of(model, modelView), "sources",
        SourceNames.PROJECT);
    List<Path> files = new ArrayList<>();
    try {
      for (String name : List.of("model.h", "model.c", "vectors.h", "vectors.c", "harness.c", "board_uart.h", "linker.ld", "Makefile")) {
        Path target = outDir.resolve(name);
        AtomicFiles.writeString(target, renderer.render(name + ".vm", context));
        files.add(target);
      }
      files.addAll(FirmwareSources.copyTo(outDir));
    } catch (IOException e) {
      throw new CodegenException("cannot write generated sources to " + outDir + ": " + e.getMessage(), e);
    }
    return new GeneratedSources(outDir, modelView, List.copyOf(files));
  }
}
