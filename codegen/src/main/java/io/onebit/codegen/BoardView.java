package io.onebit.codegen;

/**
 * A board prepared for {@code linker.ld.vm} and {@code Makefile.vm}.
 *
 * @param name board name
 * @param cpuMacro macro that selects the kernel family, e.g. {@code ONEBIT_CPU_CORTEX_M4}
 * @param archFlags gcc flags for the core, space separated
 * @param flashOrigin flash start as hex
 * @param flashSize flash length as hex
 * @param ramOrigin RAM start as hex
 * @param ramSize RAM length as hex
 * @param stackBytes RAM the linker keeps free above .bss for the stack
 * @param consoleSource the firmware C file implementing console.h for the board's console
 * @param formats image formats, space separated, e.g. {@code elf bin hex}
 * @param images the images {@code make} builds by default, e.g. {@code firmware.elf firmware.bin}
 * @param qemuArguments QEMU arguments before {@code -kernel}, for the Makefile's {@code run} target
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
    String qemuArguments) {

  /** Stack reserve: the harness and kernels need well under 1 KiB (no recursion, small frames). */
  private static final long STACK_BYTES = 4096;

  public static BoardView of(Board board) {
    String images = String.join(" ", board.outputFormats().stream().map(f -> "firmware." + f).toList());
    String qemu = board.qemuMachine() == null ? "$(error board " + board.name() + " has no QEMU machine)" : String.join(" ", QemuRunner.arguments(board));
    return new BoardView(board.name(), board.cpuMacro(), String.join(" ", board.archFlags()),
        CLiterals.hex(board.flashOrigin()), CLiterals.hex(board.flashSize()), CLiterals.hex(board.ramOrigin()),
        CLiterals.hex(board.ramSize()), CLiterals.hex(STACK_BYTES), "onebit/cortexm/console_" + board.console() + ".c",
        String.join(" ", board.outputFormats()), images, qemu);
  }
}
