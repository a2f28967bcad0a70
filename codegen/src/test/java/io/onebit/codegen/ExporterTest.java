package io.onebit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onebit.model.DeployModel;
import io.onebit.model.InputSpec;
import io.onebit.model.Json;
import io.onebit.model.RandomModels;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout and metadata of each export format, that the exported C is freestanding, and that bad
 * requests are refused before anything is written. The builds themselves run in
 * qemu-tests (ExportBuildsOnQemuTest).
 */
class ExporterTest {
  private static final Pattern INCLUDE = Pattern.compile("#include\\s*[<\"]([^>\"]+)[>\"]");
  private final DeployModel model = RandomModels.fromSpec("tiny_net", InputSpec.bitplanes(10, 10, 1),
      "conv8k3x3s1same,pool2s2,flatten,dense40,out3", new Random(4));
  private final Board m4 = Boards.load("mps2-an386");

  @TempDir
  Path dir;

  @Test
  void arduinoLayoutAndLibraryProperties() throws Exception {
    Exporter.Export e = Exporter.export(model, m4, ExportFormat.ARDUINO, dir.resolve("a"), false);
    assertTrue(e.files().containsAll(List.of("library.properties", "README.md", "src/tiny_net_model.h",
        "src/tiny_net_model.c", "src/onebit/kernels/kernels.h", "src/onebit/kernels/config.h",
        "examples/classify/classify.ino", "examples/classify/tiny_net_example_vectors.h")), e.files().toString());
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(dir.resolve("a/library.properties"))));
    for (String key : List.of("name", "version", "author", "maintainer", "sentence", "paragraph", "category",
        "architectures", "includes")) {
      assertFalse(p.getProperty(key, "").isBlank(), key);
    }
    assertEquals("onebit_tiny_net", p.getProperty("name"));
    assertEquals("tiny_net_model.h", p.getProperty("includes"));
    assertEquals("Data Processing", p.getProperty("category"));
    String sketch = Files.readString(dir.resolve("a/examples/classify/classify.ino"));
    assertTrue(sketch.contains("#include <tiny_net_model.h>") && sketch.contains("void setup()") && sketch.contains("Serial.print"));
    assertFreestanding(dir.resolve("a/src"));
  }

  @Test
  void platformioLibraryJsonNamesTheCoreFlagAndTheExample() throws Exception {
    Exporter.export(model, m4, ExportFormat.PLATFORMIO, dir.resolve("p"), false);
    JsonNode json = Json.mapper().readTree(dir.resolve("p/library.json").toFile());
    assertEquals("onebit_tiny_net", json.get("name").asText());
    assertEquals("src", json.at("/build/srcDir").asText());
    assertEquals("-DONEBIT_CPU_CORTEX_M4", json.at("/build/flags/0").asText());
    for (JsonNode file : json.at("/examples/0/files")) {
      assertTrue(Files.isRegularFile(dir.resolve("p").resolve(json.at("/examples/0/base").asText()).resolve(file.asText())),
          file.asText());
    }
    assertFreestanding(dir.resolve("p/src"));
  }

  @Test
  void zephyrModuleKconfigAndSampleAgree() throws Exception {
    Exporter.export(model, m4, ExportFormat.ZEPHYR, dir.resolve("z"), false);
    Path z = dir.resolve("z");
    String yml = Files.readString(z.resolve("zephyr/module.yml"));
    assertTrue(yml.contains("cmake: .") && yml.contains("kconfig: Kconfig"), yml);
    assertTrue(Files.readString(z.resolve("Kconfig")).contains("config ONEBIT_TINY_NET\n\tbool"));
    String cmake = Files.readString(z.resolve("CMakeLists.txt"));
    assertTrue(cmake.contains("if(CONFIG_ONEBIT_TINY_NET)") && cmake.contains("zephyr_library_named(onebit_tiny_net)")
        && cmake.contains("zephyr_library_sources(src/tiny_net_model.c)") && cmake.contains("zephyr_include_directories(include)"),
        cmake);
    assertTrue(Files.readString(z.resolve("samples/classify/prj.conf")).contains("CONFIG_ONEBIT_TINY_NET=y"));
    assertTrue(Files.readString(z.resolve("samples/classify/CMakeLists.txt"))
        .contains("find_package(Zephyr REQUIRED HINTS $ENV{ZEPHYR_BASE})"));
    assertTrue(Files.isRegularFile(z.resolve("include/tiny_net_model.h")));
    assertTrue(Files.readString(z.resolve("samples/classify/sample.yaml")).contains("samples match the golden model: PASS"));
    assertFreestanding(z.resolve("src"));
  }

  @Test
  void cmakeTargetToolchainAndBareMetalExample() throws Exception {
    Exporter.export(model, Boards.load("nucleo-f401re"), ExportFormat.CMAKE, dir.resolve("c"), false);
    Path c = dir.resolve("c");
    String lists = Files.readString(c.resolve("CMakeLists.txt"));
    assertTrue(lists.contains("add_library(tiny_net_model STATIC src/tiny_net_model.c)")
        && lists.contains("add_library(onebit::tiny_net_model ALIAS tiny_net_model)")
        && lists.contains("target_compile_definitions(tiny_net_model PRIVATE ONEBIT_CPU_CORTEX_M4)"), lists);
    assertTrue(Files.readString(c.resolve("cmake/arm-none-eabi.cmake")).contains("-mcpu=cortex-m4 -mthumb"));
    String example = Files.readString(c.resolve("example/CMakeLists.txt"));
    assertTrue(example.contains("board/onebit/cortexm/console_uart.c") && example.contains("board/onebit/cortexm/uart_stm32_usart.c"),
        "a UART board's console: " + example);
    assertTrue(Files.readString(c.resolve("example/board/board_uart.h")).contains("ONEBIT_UART_BASE 0x40004400u"));
    for (String f : List.of("startup.c", "console.h", "console_uart.c", "register_steps.c", "register_steps.h", "uart.h",
        "uart_stm32_usart.c")) {
      assertTrue(Files.isRegularFile(c.resolve("example/board/onebit/cortexm").resolve(f)), f);
    }
    assertTrue(Files.readString(c.resolve("example/board/linker.ld")).contains("0x08000000"), "the board's flash");
    assertFreestanding(c.resolve("src"));
    assertFreestanding(c.resolve("example"));
  }

  @Test
  void theExampleVectorsCarryTheGoldenResults() throws Exception {
    Exporter.export(model, m4, ExportFormat.CMAKE, dir.resolve("v"), false);
    String vectors = Files.readString(dir.resolve("v/example/tiny_net_example_vectors.h"));
    io.onebit.model.GoldenModel golden = new io.onebit.model.GoldenModel(model);
    for (byte[] sample : TestVectors.builtIn(model.input()).samples()) {
      int[] scores = golden.infer(sample).scores();
      StringBuilder row = new StringBuilder("{");
      for (int s : scores) {
        row.append(s).append(", ");
      }
      assertTrue(vectors.contains(row.toString().strip()), "scores " + row + " in\n" + vectors);
    }
  }

  @Test
  void refusalsLeaveNothingBehind() throws Exception {
    CodegenException pico = assertThrows(CodegenException.class,
        () -> Exporter.export(model, Boards.load("rpi-pico"), ExportFormat.CMAKE, dir.resolve("pico"), false));
    assertTrue(pico.getMessage().contains("second stage"), pico.getMessage());
    DeployModel big = RandomModels.dense("big", InputSpec.thresholded(28, 28, 1, 128), new int[] {1024, 1024, 1024, 10},
        new Random(5));
    DoesNotFitException fit = assertThrows(DoesNotFitException.class,
        () -> Exporter.export(big, Boards.load("microbit"), ExportFormat.ARDUINO, dir.resolve("big"), false));
    assertTrue(fit.getMessage().startsWith("model 'big' does not fit board microbit"), fit.getMessage());
    Path occupied = Files.createDirectories(dir.resolve("occupied"));
    Files.writeString(occupied.resolve("mine.txt"), "mine");
    assertThrows(IllegalArgumentException.class,
        () -> Exporter.export(model, m4, ExportFormat.ZEPHYR, occupied, false));
    assertEquals("mine", Files.readString(occupied.resolve("mine.txt")));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of("occupied"), left.map(p -> p.getFileName().toString()).toList());
    }
    assertThrows(IllegalArgumentException.class, () -> ExportFormat.named("make"));
  }

  /** C that includes only the freestanding headers C99 guarantees, and its own files. */
  private static void assertFreestanding(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(p -> p.toString().endsWith(".c") || p.toString().endsWith(".h")).toList()) {
        Matcher m = INCLUDE.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          String header = m.group(1);
          boolean own = Files.isRegularFile(f.resolveSibling(header)) || header.startsWith("onebit/")
              || header.startsWith("tiny_net_") || header.equals("board_uart.h");
          assertTrue(own || Map.of("stdint.h", 1, "stddef.h", 1, "stdbool.h", 1).containsKey(header),
              f + " includes " + header);
        }
      }
    }
  }
}
