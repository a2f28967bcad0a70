package io.onebit.qemutests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onebit.codegen.Board;
import io.onebit.codegen.Boards;
import io.onebit.codegen.CodeGenerator;
import io.onebit.codegen.FirmwareBuilder;
import io.onebit.codegen.FirmwareImage;
import io.onebit.codegen.GoldenComparison;
import io.onebit.codegen.HarnessOutput;
import io.onebit.codegen.TestVectors;
import io.onebit.model.DeployModel;
import io.onebit.model.Json;
import io.onebit.model.RandomModels;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real boards' UART consoles, run where QEMU emulates the same peripheral: the board file is
 * taken as shipped (driver, setup steps, harness) with only the memory map and core swapped for the
 * emulated chip's, and the serial output must equal the golden model. No hardware is needed, and a
 * driver regression shows up here. QEMU 7.2 has no STM32F7 (USART v2) or RP2040 machine: the PL011
 * driver runs on the Stellaris lm3s6965evb instead (its UART0 is a PL011), without the RP2040 setup steps.
 */
class UartConsoleOnQemuTest {
  private static final String SERIAL_1 = "1";

  @Test
  void stm32UsartDriverOnNetduinoplus2() throws Exception {
    // STM32F405: the same USART2 at 0x40004400 on PA2/AF7 and the same RCC as the F401; QEMU's second serial port.
    Board board = variant("nucleo-f401re", "netduinoplus2", null, null, null, null, null);
    runAndCompare(board, SERIAL_1);
  }

  @Test
  void nrfUartDriverOnMicrobit() throws Exception {
    // nRF51822: the legacy UART0 at 0x40002000 is register-compatible with the nRF52840's.
    Board board = variant("nrf52840-dk", "microbit", "cortex-m0", "256K", "16K", null, null);
    runAndCompare(board, "0");
  }

  @Test
  void pl011DriverOnLm3s6965evb() throws Exception {
    Board board = variant("rpi-pico", "lm3s6965evb", "cortex-m3", "256K", "64K", "0x4000C000", "0x00000000");
    runAndCompare(board, "0");
  }

  /** The shipped board with the emulated chip's machine, core, memory and (optionally) UART base. */
  private static Board variant(String real, String machine, String cpu, String flash, String ram, String uartBase,
      String flashOrigin) throws Exception {
    ObjectNode json = (ObjectNode) Json.mapper().readTree(io.onebit.codegen.Boards.class.getClassLoader()
        .getResourceAsStream("onebit/boards/" + real + ".json"));
    json.put("name", real + "-on-" + machine);
    json.put("qemu_machine", machine);
    if (cpu != null) {
      json.put("cpu", cpu);
      json.putArray("arch_flags").add("-mcpu=" + cpu).add("-mthumb").add("-mfloat-abi=soft");
    }
    if (flash != null) {
      json.put("flash_size", flash);
      json.put("ram_size", ram);
    }
    if (uartBase != null) {
      ObjectNode uart = (ObjectNode) json.get("uart");
      uart.put("base", uartBase);
      uart.putArray("setup"); // the RP2040's clock and reset registers do not exist on the Stellaris
      json.put("flash_origin", flashOrigin);
      json.remove("boot2");
      json.remove("uf2_family_id");
      json.remove("flash");
      json.putArray("output_formats").add("elf").add("bin");
    }
    return Boards.parse(Json.mapper().writeValueAsBytes(json), "variant of boards/" + real + ".json");
  }

  private static void runAndCompare(Board board, String serialIndex) throws Exception {
    DeployModel model = RandomModels.dense("tfc", QemuFixtures.MNIST, AllEmulatedBoardsTest.TFC_WIDTHS, new Random(31));
    byte[][] samples = QemuFixtures.samples(model.input(), 8, 32);
    Path dir = QemuFixtures.WORK.resolve("uart-" + board.name()).toAbsolutePath();
    CodeGenerator.generate(model, board, dir, new TestVectors(samples));
    FirmwareImage image = FirmwareBuilder.build(dir, board);
    String output = serialOutput(board, image.elf(), serialIndex);
    HarnessOutput parsed = HarnessOutput.parse(output, board.name() + " serial");
    GoldenComparison comparison = GoldenComparison.compare(model, samples, parsed.results(), null);
    assertTrue(comparison.bitExact(), board.name() + ": " + comparison.mismatchCount() + " mismatches\n" + output);
  }

  /** Runs QEMU with the UART on stdout until END (a real-board firmware idles after it, never exits). */
  private static String serialOutput(Board board, Path elf, String serialIndex) throws Exception {
    List<String> command = new ArrayList<>(List.of("qemu-system-arm", "-M", board.qemuMachine(), "-nographic", "-monitor", "none"));
    if (SERIAL_1.equals(serialIndex)) {
      command.addAll(List.of("-serial", "null"));
    }
    command.addAll(List.of("-serial", "stdio", "-kernel", elf.toString()));
    Process qemu = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          synchronized (out) {
            out.append(line).append('\n');
          }
          if (line.startsWith("END")) {
            return;
          }
        }
      } catch (java.io.IOException e) {
        // the process was destroyed: what was read so far is the output
      }
    });
    reader.start();
    reader.join(TimeUnit.SECONDS.toMillis(60));
    qemu.destroyForcibly().waitFor();
    synchronized (out) {
      return out.toString();
    }
  }
}
