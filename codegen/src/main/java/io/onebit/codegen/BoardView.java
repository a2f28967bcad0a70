package io.onebit.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * A board prepared for {@code linker.ld.vm}, {@code Makefile.vm} and {@code board_uart.h.vm}.
 *
 * @param name board name
 * @param cpuMacro macro that selects the kernel family, e.g. {@code ONEBIT_CPU_CORTEX_M4}
 * @param archFlags gcc flags for the core, space separated
 * @param flashOrigin flash start as hex
 * @param flashSize flash length as hex
 * @param ramOrigin RAM start as hex
 * @param ramSize RAM length as hex
 * @param stackBytes RAM the linker keeps free above .bss for the stack
 * @param consoleSource the firmware C files implementing console.h for the board's console, space separated
 * @param formats image formats {@code make} builds, space separated, e.g. {@code elf bin hex}
 *     ({@code uf2} is written by Java after make, see {@link Uf2Writer})
 * @param images the images {@code make} builds by default, e.g. {@code firmware.elf firmware.bin}
 * @param qemuArguments QEMU arguments before {@code -kernel}, for the Makefile's {@code run} target
 * @param boot2 whether an RP2040 second stage precedes the vector table
 * @param uart whether the console is a UART (then the uart fields below are set)
 * @param uartBase the UART's base address as hex
 * @param uartDivisor the driver's baud register value as hex
 * @param uartTxPin the TX pin for drivers that route pins ({@code nrf-uart}), else 0
 * @param uartSteps the setup steps as C initializers, ending with the END step
 * @param uartComment one line for the generated header: driver, baud, clock
 */
public record BoardView(
    String name,
    String cpuMacro,
    String archFlags,
    String flashOrigin,
    String flashSize,
    String ramOrigin,
    String ramSize,
    String stackBytes,
    String consoleSource,
    String formats,
    String images,
    String qemuArguments,
    boolean boot2,
    boolean uart,
    String uartBase,
    String uartDivisor,
    int uartTxPin,
    List<String> uartSteps,
    String uartComment) {

  public static BoardView of(Board board) {
    List<String> makeFormats = board.outputFormats().stream().filter(f -> !"uf2".equals(f)).toList();
    String images = String.join(" ", makeFormats.stream().map(f -> "firmware." + f).toList());
    String qemu = board.qemuMachine() == null ? "$(error board " + board.name() + " has no QEMU machine)" : String.join(" ", QemuRunner.arguments(board));
    Uart u = board.uart();
    return new BoardView(board.name(), board.cpuMacro(), String.join(" ", board.archFlags()),
        CLiterals.hex(board.flashOrigin()), CLiterals.hex(board.flashSize()), CLiterals.hex(board.ramOrigin()),
        CLiterals.hex(board.ramSize()), CLiterals.hex(FitCheck.STACK_RESERVE), consoleSources(board),
        String.join(" ", makeFormats), images, qemu, board.boot2() != null, u != null,
        u == null ? "0" : CLiterals.hex(u.base()), u == null ? "0" : CLiterals.hex(u.divisor()),
        u == null || u.txPin() == null ? 0 : u.txPin(), u == null ? List.of() : steps(u),
        u == null ? "" : u.driver() + ", " + u.baud() + " baud 8N1" + (u.clockHz() == null ? "" : ", peripheral clock " + u.clockHz() + " Hz"));
  }

  /** console.h's implementation, and for a UART its register steps and the driver of its family. */
  private static String consoleSources(Board board) {
    if (board.uart() == null) {
      return "onebit/cortexm/console_" + board.console() + ".c";
    }
    return "onebit/cortexm/console_uart.c onebit/cortexm/register_steps.c onebit/cortexm/uart_"
        + board.uart().driver().replace("-", "_").replace("nrf_uart", "nrf") + ".c";
  }

  private static List<String> steps(Uart u) {
    List<String> lines = new ArrayList<>();
    for (RegisterStep s : u.steps()) {
      lines.add("{" + s.operation() + ", " + CLiterals.hex(s.address()) + "u, " + CLiterals.hex(s.first()) + "u, "
          + CLiterals.hex(s.second()) + "u}, ");
    }
    lines.add("{ONEBIT_STEP_END, 0u, 0u, 0u}");
    return List.copyOf(lines);
  }
}
