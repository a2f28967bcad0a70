package io.onebit.codegen;

import io.onebit.model.AtomicFiles;
import io.onebit.model.DeployModel;
import io.onebit.model.StagedDirectory;
import java.io.IOException;
import java.nio.file.Files;
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
 * All files or none: they are written to a staging directory and moved into place once complete
 * ({@link StagedDirectory}), so a full disk or an interrupted run leaves no half-generated project.
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
    // The fit check comes before the built-in vectors are made: they take 6 x the input's bytes.
    int vectorCount = vectors == null ? TestVectors.BUILT_IN_COUNT : vectors.samples().length;
    FitCheck.beforeBuild(modelView, board, model.name(), vectorCount, model.input().sampleBytes());
    TestVectors samples = vectors == null ? TestVectors.builtIn(model.input()) : vectors;
    samples.requireSize(model.input().sampleBytes());
    Map<String, Object> context = Map.of("model", modelView, "board", BoardView.of(board), "vectors",
        VectorsView.of(samples, model.input().type()), "trace", TraceView.of(model, modelView), "sources",
        SourceNames.PROJECT);
    List<Path> files = new ArrayList<>();
    // All files or none: rendered into a staging directory, moved into outDir once complete.
    try (StagedDirectory stage = StagedDirectory.beside(outDir)) {
      for (String name : GENERATED) {
        Files.writeString(stage.path().resolve(name), renderer.render(name + ".vm", context));
        files.add(stage.target().resolve(name));
      }
      for (Path runtime : FirmwareSources.copyTo(stage.path())) {
        files.add(stage.target().resolve(stage.path().relativize(runtime).toString()));
      }
      stage.commit();
    } catch (IOException e) {
      throw new CodegenException("cannot write the generated sources to " + outDir + ": " + AtomicFiles.rootReason(e), e);
    }
    return new GeneratedSources(outDir, modelView, List.copyOf(files));
  }

  /** The files rendered from templates/NAME.vm. */
  static final List<String> GENERATED =
      List.of("model.h", "model.c", "vectors.h", "vectors.c", "harness.c", "board_uart.h", "linker.ld", "Makefile");
}
