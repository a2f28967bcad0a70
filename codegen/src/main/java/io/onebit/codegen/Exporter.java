package io.onebit.codegen;

import io.onebit.model.AtomicDirectories;
import io.onebit.model.AtomicFiles;
import io.onebit.model.DeployModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code onebit export}: a model as source for a build system users already have. Every format
 * carries the same freestanding C99 (the generated {@code <prefix>_model.c/.h} and onebit's
 * header-only kernels, selected for the board's core), plus the ecosystem's metadata and an
 * example that classifies the built-in test vectors and checks them against the golden model.
 * The output directory is written all or nothing (see {@link AtomicDirectories}).
 *
 * <pre>
 *   arduino     library.properties  src/&lt;p&gt;_model.{h,c}  src/onebit/kernels/  examples/classify/classify.ino
 *   platformio  library.json        (the same src/ and examples/)
 *   zephyr      zephyr/module.yml  CMakeLists.txt (zephyr_library)  Kconfig  include/  src/  samples/classify/
 *   cmake       CMakeLists.txt (add_library)  include/  src/  cmake/arm-none-eabi.cmake  example/ (bare-metal firmware)
 * </pre>
 */
public final class Exporter {
  private static final String KERNELS = FirmwareSources.DIRECTORY + "/kernels";
  private final TemplateRenderer renderer = new TemplateRenderer();

  /** What an export wrote: the directory and its files (relative paths). */
  public record Export(Path dir, List<String> files) {}

  private Exporter() {}

  /**
   * Writes {@code model} for {@code board} in {@code format} to {@code outDir}.
   *
   * @param replace whether an existing non-empty {@code outDir} may be replaced
   * @throws DoesNotFitException if the model does not fit the board
   * @throws CodegenException if the format cannot serve the board
   * @throws IllegalArgumentException if {@code outDir} is a file, or is not empty and {@code replace} is false
   */
  public static Export export(DeployModel model, Board board, ExportFormat format, Path outDir, boolean replace)
      throws IOException {
    Map<String, byte[]> files = new Exporter().files(model, board, format);
    AtomicDirectories.write(outDir, replace, dir -> {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        AtomicFiles.write(dir.resolve(f.getKey()), f.getValue());
      }
    });
    return new Export(outDir, List.copyOf(files.keySet()));
  }

  /** Every file of the export, by relative path, in a fixed order. */
  Map<String, byte[]> files(DeployModel model, Board board, ExportFormat format) {
    if (format == ExportFormat.CMAKE && board.boot2() != null) {
      throw new CodegenException("board " + board.name() + " boots through a second stage (" + board.boot2()
          + ") that the CMake export's bare-metal example cannot build; export for the Arduino, PlatformIO or Zephyr"
          + " frameworks, whose board support brings it, or build the firmware with onebit build");
    }
    ModelView view = ModelView.of(model, board);
    TestVectors vectors = TestVectors.builtIn(model.input());
    FitCheck.beforeBuild(view, board, model.name(), vectors);
    ExportView export = ExportView.of(model, board, view, vectors);
    Map<String, Object> context = Map.of("model", view, "board", BoardView.of(board), "trace", TraceView.of(model, view),
        "sources", new SourceNames(export.header()), "export", export);
    Map<String, byte[]> files = new LinkedHashMap<>();
    boolean libraryLayout = format == ExportFormat.ARDUINO || format == ExportFormat.PLATFORMIO;
    String headerDir = libraryLayout ? "src/" : "include/";
    files.put(headerDir + export.header(), text("model.h.vm", context));
    files.put("src/" + export.source(), text("model.c.vm", context));
    for (String kernel : ClasspathResources.list(KERNELS)) {
      files.put("src/onebit/kernels/" + kernel, ClasspathResources.read(KERNELS + "/" + kernel));
    }
    String example = "examples/" + export.example() + "/";
    switch (format) {
      case ARDUINO -> {
        files.put("library.properties", text("export/arduino/library.properties.vm", context));
        files.put(example + export.example() + ".ino", text("export/arduino/classify.ino.vm", context));
        files.put(example + export.vectorsHeader(), text("export/example_vectors.h.vm", context));
        files.put("README.md", text("export/arduino/README.md.vm", context));
      }
      case PLATFORMIO -> {
        files.put("library.json", text("export/platformio/library.json.vm", context));
        files.put(example + export.example() + ".ino", text("export/arduino/classify.ino.vm", context));
        files.put(example + export.vectorsHeader(), text("export/example_vectors.h.vm", context));
        files.put("README.md", text("export/platformio/README.md.vm", context));
      }
      case ZEPHYR -> {
        String sample = "samples/" + export.example() + "/";
        files.put("zephyr/module.yml", text("export/zephyr/module.yml.vm", context));
        files.put("CMakeLists.txt", text("export/zephyr/CMakeLists.txt.vm", context));
        files.put("Kconfig", text("export/zephyr/Kconfig.vm", context));
        files.put(sample + "CMakeLists.txt", text("export/zephyr/sample/CMakeLists.txt.vm", context));
        files.put(sample + "prj.conf", text("export/zephyr/sample/prj.conf.vm", context));
        files.put(sample + "sample.yaml", text("export/zephyr/sample/sample.yaml.vm", context));
        files.put(sample + "src/main.c", text("export/zephyr/sample/main.c.vm", context));
        files.put(sample + "src/" + export.vectorsHeader(), text("export/example_vectors.h.vm", context));
        files.put("README.md", text("export/zephyr/README.md.vm", context));
      }
      case CMAKE -> {
        files.put("CMakeLists.txt", text("export/cmake/CMakeLists.txt.vm", context));
        files.put("cmake/arm-none-eabi.cmake", text("export/cmake/arm-none-eabi.cmake.vm", context));
        files.put("example/CMakeLists.txt", text("export/cmake/example/CMakeLists.txt.vm", context));
        files.put("example/main.c", text("export/cmake/example/main.c.vm", context));
        files.put("example/" + export.vectorsHeader(), text("export/example_vectors.h.vm", context));
        files.put("example/board/linker.ld", text("linker.ld.vm", context));
        files.put("example/board/board_uart.h", text("board_uart.h.vm", context));
        for (String runtime : boardRuntime(export)) {
          files.put("example/board/" + runtime, ClasspathResources.read(FirmwareSources.DIRECTORY + "/"
              + runtime.substring(FirmwareSources.TARGET.length() + 1)));
        }
        files.put("README.md", text("export/cmake/README.md.vm", context));
      }
      default -> throw new IllegalStateException(format.name());
    }
    return files;
  }

  /** The runtime files the bare-metal example compiles or includes: startup, the console, formatting. */
  private static List<String> boardRuntime(ExportView export) {
    List<String> files = new ArrayList<>(List.of("onebit/cortexm/startup.c", "onebit/cortexm/console.h",
        "onebit/cortexm/register_steps.h", "onebit/cortexm/uart.h", "onebit/common/format.c", "onebit/common/format.h"));
    for (String source : export.consoleSources()) {
      String file = source.substring("board/".length());
      if (!files.contains(file)) {
        files.add(file);
      }
    }
    return files;
  }

  private byte[] text(String template, Map<String, Object> context) {
    return renderer.render(template, context).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
