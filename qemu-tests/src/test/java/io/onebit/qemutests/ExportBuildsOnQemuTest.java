package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.CodeGenerator;
import io.onebit.codegen.ElfFile;
import io.onebit.codegen.ExportFormat;
import io.onebit.codegen.Exporter;
import io.onebit.codegen.MemoryUsage;
import io.onebit.codegen.QemuRunner;
import io.onebit.codegen.TestVectors;
import io.onebit.model.AtomicDirectories;
import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.model.Json;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.arch.RandomDeployModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each export format built the way its ecosystem builds it, offline, and its example run on QEMU's
 * mps2-an386 (Cortex-M4): the example must print the golden model's class and int32 scores for every
 * built-in test vector, and PASS. Arduino's and Zephyr's own tools cannot be installed here, so
 * their compile and link steps are emulated with arm-none-eabi-gcc and cmake over small stand-ins
 * for the frameworks (src/test/resources/export-emulation/, see its README):
 *
 * <ul>
 *   <li>Arduino (as arduino-cli does it): the sketch becomes {@code classify.ino.cpp} (Arduino.h
 *       first, a #line back to the .ino); the library is found by the header the sketch includes
 *       ({@code includes=} of library.properties); every .c below its {@code src/} is compiled
 *       with the core's C flags (gnu11, -Os), the sketch with the C++ flags (gnu++17, no exceptions
 *       or RTTI); the core goes into core.a; sketch, library objects and core.a are linked with the
 *       board's linker script. No CPU macro is passed: the kernels must select the core themselves.
 *   <li>PlatformIO (as its library dependency finder does it): library.json's build.srcDir,
 *       includeDir and build.flags; the library's objects go into lib&lt;name&gt;.a, linked by -l.
 *   <li>Zephyr: {@code cmake -S samples/classify} with {@code ZEPHYR_EXTRA_MODULES} naming the
 *       export, against the stand-in Zephyr CMake package (module.yml, Kconfig, zephyr_library).
 *   <li>CMake: the export's own example and toolchain file, {@code cmake -S example}, unchanged.
 * </ul>
 *
 * Each build prints its commands, the image's flash and RAM, and the example's output.
 */
class ExportBuildsOnQemuTest {
  private static final Path EMULATION = resource("export-emulation");
  private final Board board = Boards.load("mps2-an386");
  private final DeployModel cnn = RandomDeployModels.of(Architecture.named("cnn-s"), 28, 28, 1, 10, 21);

  @Test
  void arduinoLibraryBuildsLikeArduinoCliAndPassesOnQemu() throws Exception {
    Path work = fresh("export-arduino");
    Path lib = export(cnn, ExportFormat.ARDUINO, work);
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(lib.resolve("library.properties"))) {
      properties.load(in);
    }
    String header = properties.getProperty("includes");
    assertTrue(Files.isRegularFile(lib.resolve("src").resolve(header)), "includes= names a header in src/: " + header);
    Build b = new Build(work);
    Path support = support(work);
    List<String> cFlags = concat(arch(), List.of("-c", "-g", "-Os", "-std=gnu11", "-ffunction-sections", "-fdata-sections",
        "-Wall", "-Wextra", "-Werror"));
    List<String> cppFlags = concat(arch(), List.of("-c", "-g", "-Os", "-std=gnu++17", "-ffunction-sections",
        "-fdata-sections", "-fno-threadsafe-statics", "-fno-rtti", "-fno-exceptions", "-Wall", "-Wextra", "-Werror"));
    assertOptimisedKernels(b, cFlags, lib.resolve("src"));
    Path core = b.core(support, cFlags, cppFlags);
    Path sketch = b.sketch(lib.resolve("examples/classify"), "classify");
    List<String> objects = new ArrayList<>(List.of(b.compile("arm-none-eabi-g++", cppFlags, sketch,
        List.of(EMULATION.resolve("arduino"), lib.resolve("src"), sketch.getParent())).toString()));
    for (Path c : sources(lib.resolve("src"))) {
      objects.add(b.compile("arm-none-eabi-gcc", cFlags, c, List.of(lib.resolve("src"))).toString());
    }
    objects.add(core.toString());
    Path elf = b.link("classify.ino.elf", support, objects);
    runAndCheck("arduino", b, cnn, elf);
  }

  @Test
  void platformioLibraryBuildsFromItsLibraryJsonAndPassesOnQemu() throws Exception {
    Path work = fresh("export-platformio");
    Path lib = export(cnn, ExportFormat.PLATFORMIO, work);
    JsonNode json = Json.mapper().readTree(lib.resolve("library.json").toFile());
    String name = json.get("name").asText();
    Path src = lib.resolve(json.path("build").path("srcDir").asText());
    Path include = lib.resolve(json.path("build").path("includeDir").asText());
    List<String> libraryFlags = new ArrayList<>();
    json.path("build").path("flags").forEach(f -> libraryFlags.add(f.asText()));
    assertEquals(List.of("-DONEBIT_CPU_CORTEX_M4"), libraryFlags);
    Build b = new Build(work);
    Path support = support(work);
    List<String> cFlags = concat(arch(), List.of("-c", "-Os", "-std=gnu11", "-ffunction-sections", "-fdata-sections",
        "-Wall", "-Wextra", "-Werror"));
    List<String> cppFlags = concat(arch(), List.of("-c", "-Os", "-std=gnu++17", "-ffunction-sections", "-fdata-sections",
        "-fno-threadsafe-statics", "-fno-rtti", "-fno-exceptions", "-Wall", "-Wextra", "-Werror"));
    Path core = b.core(support, cFlags, cppFlags);
    List<String> libraryObjects = new ArrayList<>();
    for (Path c : sources(src)) {
      libraryObjects.add(b.compile("arm-none-eabi-gcc", concat(cFlags, libraryFlags), c, List.of(src, include)).toString());
    }
    Path archive = work.resolve(".pio/build/emulated/lib" + name + "/lib" + name + ".a");
    Files.createDirectories(archive.getParent());
    b.run(concat(List.of("arm-none-eabi-ar", "rcs", archive.toString()), libraryObjects));
    Path sketch = b.sketch(lib.resolve(json.get("examples").get(0).get("base").asText()), "classify");
    Path sketchObject = b.compile("arm-none-eabi-g++", cppFlags, sketch,
        List.of(EMULATION.resolve("arduino"), include, sketch.getParent()));
    Path elf = b.link("firmware.elf", support, List.of(sketchObject.toString(), "-L" + archive.getParent(), "-l" + name,
        core.toString()));
    runAndCheck("platformio", b, cnn, elf);
  }

  @Test
  void zephyrModuleBuildsWithItsCmakeAndKconfigAndPassesOnQemu() throws Exception {
    Path work = fresh("export-zephyr");
    Path module = export(cnn, ExportFormat.ZEPHYR, work);
    Build b = new Build(work);
    Path support = support(work);
    Path build = work.resolve("build");
    b.run(List.of("cmake", "-S", module.resolve("samples/classify").toString(), "-B", build.toString(),
        "-DZephyr_DIR=" + EMULATION.resolve("zephyr/cmake"), "-DZEPHYR_EXTRA_MODULES=" + module,
        "-DONEBIT_EMULATION_SUPPORT=" + support, "-DONEBIT_ARCH_FLAGS=" + String.join(" ", arch())));
    b.run(List.of("cmake", "--build", build.toString()));
    runAndCheck("zephyr", b, cnn, build.resolve("zephyr/zephyr.elf"));
  }

  @Test
  void cmakeLibraryAndItsExampleBuildAsShippedAndPassOnQemu() throws Exception {
    Path work = fresh("export-cmake");
    Path lib = export(cnn, ExportFormat.CMAKE, work);
    Build b = new Build(work);
    Path build = work.resolve("build");
    b.run(List.of("cmake", "-S", lib.resolve("example").toString(), "-B", build.toString(),
        "-DCMAKE_TOOLCHAIN_FILE=" + lib.resolve("cmake/arm-none-eabi.cmake")));
    b.run(List.of("cmake", "--build", build.toString()));
    runAndCheck("cmake", b, cnn, build.resolve(cnn.name() + "_example.elf"));
  }

  /** The same CMake export for the M0 of the micro:bit (QEMU microbit) and, build only, for a UART board. */
  @Test
  void cmakeExportServesOtherCoresAndConsoles() throws Exception {
    DeployModel sfc = RandomDeployModels.of(Architecture.named("sfc"), 28, 28, 1, 10, 22);
    Board microbit = Boards.load("microbit");
    Path work = fresh("export-cmake-microbit");
    Path lib = work.resolve("export");
    Exporter.export(sfc, microbit, ExportFormat.CMAKE, lib, false);
    Build b = new Build(work);
    b.run(List.of("cmake", "-S", lib.resolve("example").toString(), "-B", work.resolve("build").toString(),
        "-DCMAKE_TOOLCHAIN_FILE=" + lib.resolve("cmake/arm-none-eabi.cmake")));
    b.run(List.of("cmake", "--build", work.resolve("build").toString()));
    check("cmake (microbit, cortex-m0)", b, sfc, work.resolve("build").resolve(sfc.name() + "_example.elf"), microbit);

    Path uart = fresh("export-cmake-nucleo");
    Exporter.export(sfc, Boards.load("nucleo-f401re"), ExportFormat.CMAKE, uart.resolve("export"), false);
    Build u = new Build(uart);
    u.run(List.of("cmake", "-S", uart.resolve("export/example").toString(), "-B", uart.resolve("build").toString(),
        "-DCMAKE_TOOLCHAIN_FILE=" + uart.resolve("export/cmake/arm-none-eabi.cmake")));
    u.run(List.of("cmake", "--build", uart.resolve("build").toString()));
    Path elf = uart.resolve("build").resolve(sfc.name() + "_example.elf");
    assertTrue(ElfFile.read(elf).symbols().stream().anyMatch(s -> s.name().equals("onebit_uart_init")),
        "the UART console is linked");
  }

  private Path export(DeployModel model, ExportFormat format, Path work) throws IOException {
    Path dir = work.resolve("export");
    Exporter.export(model, board, format, dir, false);
    return dir;
  }

  /** The board's linker script and onebit runtime, from a generated firmware project. */
  private Path support(Path work) {
    Path dir = work.resolve("board-support");
    CodeGenerator.generate(cnn, board, dir, null);
    return dir;
  }

  private List<String> arch() {
    return board.archFlags();
  }

  /** Holds the build to the optimised kernels without any CPU macro: ACLE's M profile must select them. */
  private static void assertOptimisedKernels(Build b, List<String> flags, Path src) throws Exception {
    Path probe = b.work.resolve("probe/optimised.c");
    Files.createDirectories(probe.getParent());
    Files.writeString(probe, "#include \"onebit/kernels/config.h\"\n#if !ONEBIT_OPTIMISED\n"
        + "#error the reference kernels would be used\n#endif\nint onebit_probe;\n");
    b.compile("arm-none-eabi-gcc", flags, probe, List.of(src));
  }

  private void runAndCheck(String what, Build b, DeployModel model, Path elf) throws Exception {
    check(what, b, model, elf, board);
  }

  /** Runs the example on the board's QEMU machine and holds every line to the golden model. */
  private static void check(String what, Build b, DeployModel model, Path elf, Board on) throws Exception {
    Process qemu = new ProcessBuilder(QemuRunner.command(on, elf.toAbsolutePath())).redirectErrorStream(true).start();
    assertTrue(qemu.waitFor(120, TimeUnit.SECONDS), what + ": QEMU did not exit");
    String output = new String(qemu.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, qemu.exitValue(), what + ":\n" + output);
    byte[][] vectors = TestVectors.builtIn(model.input()).samples();
    GoldenModel golden = new GoldenModel(model);
    List<String> lines = output.lines().toList();
    assertEquals(vectors.length + 1, lines.size(), output);
    for (int i = 0; i < vectors.length; i++) {
      GoldenModel.Result r = golden.infer(vectors[i]);
      String expected = "sample " + i + ": class " + r.predictedClass() + ", scores "
          + String.join(" ", Arrays.stream(r.scores()).mapToObj(String::valueOf).toList()) + " ok";
      assertEquals(expected, lines.get(i), what);
    }
    assertEquals(vectors.length + " of " + vectors.length + " samples match the golden model: PASS", lines.get(vectors.length));
    MemoryUsage size = MemoryUsage.of(ElfFile.read(elf));
    StringBuilder report = new StringBuilder("[export] " + what + " on " + on.name() + ": image flash " + size.flashBytes()
        + " B, RAM " + size.ramBytes() + " B (" + elf.getFileName() + ")\n");
    b.commands.forEach(c -> report.append("[export]   $ ").append(c).append('\n'));
    output.lines().forEach(l -> report.append("[export]   > ").append(l).append('\n'));
    System.out.print(report);
  }

  private static Path fresh(String name) throws IOException {
    Path dir = QemuFixtures.WORK.resolve(name).toAbsolutePath();
    if (Files.exists(dir)) {
      AtomicDirectories.deleteTree(dir);
    }
    return Files.createDirectories(dir);
  }

  private static List<Path> sources(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".c") || p.toString().endsWith(".cpp")).sorted().toList();
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Path resource(String name) {
    try {
      return Path.of(ExportBuildsOnQemuTest.class.getClassLoader().getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The commands of one build, run in order in its work directory; each must succeed. */
  private static final class Build {
    final Path work;
    final List<String> commands = new ArrayList<>();

    Build(Path work) {
      this.work = work;
    }

    void run(List<String> command) throws Exception {
      commands.add(String.join(" ", command).replace(work + "/", ""));
      Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", command) + " timed out");
      assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed:\n" + output);
    }

    /** Compiles one file; returns the object. */
    Path compile(String compiler, List<String> flags, Path source, List<Path> includes) throws Exception {
      Path object = work.resolve("obj").resolve(work.relativize(source.toAbsolutePath()).toString()
          .replace("..", "up") + ".o");
      if (!source.toAbsolutePath().startsWith(work)) {
        object = work.resolve("obj").resolve(source.getFileName() + "." + Math.abs(source.toString().hashCode()) + ".o");
      }
      Files.createDirectories(object.getParent());
      List<String> command = new ArrayList<>(List.of(compiler));
      command.addAll(flags);
      includes.forEach(i -> command.add("-I" + i));
      command.addAll(List.of("-o", object.toString(), source.toString()));
      run(command);
      return object;
    }

    /** The stand-in core in core.a: Serial and main (C++), onebit's startup, console, formatting, and libc calls. */
    Path core(Path support, List<String> cFlags, List<String> cppFlags) throws Exception {
      List<String> objects = new ArrayList<>();
      objects.add(compile("arm-none-eabi-g++", cppFlags, EMULATION.resolve("arduino/core.cpp"), List.of(support)).toString());
      for (String c : List.of("onebit/cortexm/startup.c", "onebit/cortexm/console_semihosting.c", "onebit/common/format.c")) {
        objects.add(compile("arm-none-eabi-gcc", cFlags, support.resolve(c), List.of(support)).toString());
      }
      objects.add(compile("arm-none-eabi-gcc", concat(cFlags, List.of("-fno-builtin", "-fno-tree-loop-distribute-patterns")),
          EMULATION.resolve("common/libc.c"), List.of()).toString());
      Path core = work.resolve("core/core.a");
      Files.createDirectories(core.getParent());
      run(concat(List.of("arm-none-eabi-ar", "rcs", core.toString()), objects));
      return core;
    }

    /** The sketch as the Arduino builder prepares it: Arduino.h first, a #line back to the .ino, its folder's headers beside it. */
    Path sketch(Path folder, String name) throws IOException {
      Path dir = work.resolve("sketch");
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".h")).toList()) {
          Files.copy(f, dir.resolve(f.getFileName()));
        }
      }
      Path ino = folder.resolve(name + ".ino");
      Path cpp = dir.resolve(name + ".ino.cpp");
      Files.writeString(cpp, "#include <Arduino.h>\n#line 1 \"" + ino + "\"\n" + Files.readString(ino));
      commands.add("(sketch) " + work.relativize(cpp) + " = #include <Arduino.h> + #line 1 + " + ino.getFileName());
      return cpp;
    }

    /** Links with the board's linker script, without libc or libgcc. */
    Path link(String name, Path support, List<String> inputs) throws Exception {
      Path elf = work.resolve(name);
      List<String> command = new ArrayList<>(List.of("arm-none-eabi-g++"));
      command.addAll(Boards.load("mps2-an386").archFlags());
      command.addAll(List.of("-Os", "-nostdlib", "-nostartfiles", "-Wl,--gc-sections", "-T" + support.resolve("linker.ld"),
          "-o", elf.toString()));
      command.addAll(inputs);
      run(command);
      return elf;
    }
  }
}
