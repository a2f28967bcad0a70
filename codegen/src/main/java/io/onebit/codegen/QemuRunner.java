package io.onebit.codegen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a firmware ELF on the board's QEMU machine with semihosting for the console and
 * {@code -icount shift=0}, so that each guest instruction takes 1 ns of virtual time and SysTick
 * counts instructions deterministically.
 */
public final class QemuRunner {
  private QemuRunner() {}

  /** QEMU's arguments before {@code -kernel}. */
  public static List<String> arguments(Board board) {
    if (board.qemuMachine() == null) {
      throw new CodegenException("board " + board.name() + " has no QEMU machine");
    }
    return List.of("-M", board.qemuMachine(), "-nographic", "-monitor", "none", "-serial", "null",
        "-semihosting-config", "enable=on,target=native", "-icount", "shift=0");
  }

  /** The whole command line for {@code elf}. */
  public static List<String> command(Board board, Path elf) {
    List<String> command = new ArrayList<>();
    command.add(Toolchain.Tool.QEMU.executable());
    command.addAll(arguments(board));
    command.add("-kernel");
    command.add(elf.toString());
    return command;
  }

  /**
   * Runs the harness firmware and parses its result lines.
   *
   * @throws CodegenException if QEMU is missing, times out, exits non-zero (e.g. a fault), or the
   *     output is incomplete; the console output is in {@link CodegenException#details()}
   */
  public static HarnessOutput run(Path elf, Board board, Duration timeout) {
    Toolchain.require(List.of(Toolchain.Tool.QEMU));
    Path absolute = elf.toAbsolutePath();
    ProcessRunner.Result r = ProcessRunner.run(command(board, absolute), absolute.getParent(), timeout);
    String source = "QEMU " + board.qemuMachine() + " running " + elf.getFileName();
    if (r.timedOut()) {
      throw new CodegenException(source + ": no exit within " + timeout.toSeconds() + " s", r.output());
    }
    if (r.exitCode() != 0) {
      String last = r.output().isBlank() ? "no output" : "last line: " + lastLine(r.output());
      throw new CodegenException(source + ": exit code " + r.exitCode() + " (" + last + ")", r.output());
    }
    return HarnessOutput.parse(r.output(), source);
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\\R");
    return lines[lines.length - 1];
  }
}
