package io.onebit.codegen;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Locale;

/**
 * The machine facts of one target board, read from {@code boards/<name>.json}.
 *
 * @param name board name, also the file name
 * @param description one line for listings
 * @param cpu core, e.g. {@code cortex-m4}; selects the kernel family through {@link #cpuMacro()}
 * @param fpu the core's FPU ({@code none} or e.g. {@code fpv4-sp-d16}); informative, the firmware uses no float
 * @param archFlags gcc flags for the core, e.g. {@code -mcpu=cortex-m4 -mthumb}
 * @param flashOrigin flash start address
 * @param flashSize flash bytes
 * @param ramOrigin RAM start address
 * @param ramSize RAM bytes; the stack starts at its top
 * @param console how the firmware prints and exits: {@code semihosting}
 * @param qemuMachine the {@code qemu-system-arm -M} machine, or null if QEMU has none
 * @param cpuClockHz the core clock; under {@code -icount shift=0} one SysTick tick is 1e9/clock instructions
 * @param outputFormats images to build: {@code elf}, {@code bin}, {@code hex}
 */
public record Board(
    String name,
    String description,
    String cpu,
    String fpu,
    List<String> archFlags,
    @JsonDeserialize(using = MemorySizeDeserializer.class) long flashOrigin,
    @JsonDeserialize(using = MemorySizeDeserializer.class) long flashSize,
    @JsonDeserialize(using = MemorySizeDeserializer.class) long ramOrigin,
    @JsonDeserialize(using = MemorySizeDeserializer.class) long ramSize,
    String console,
    String qemuMachine,
    long cpuClockHz,
    List<String> outputFormats) {

  /** Cores the firmware runtime knows. */
  public static final List<String> CPUS = List.of("cortex-m0", "cortex-m0plus", "cortex-m3", "cortex-m4", "cortex-m7");
  /** Consoles the firmware runtime implements. */
  public static final List<String> CONSOLES = List.of("semihosting");
  /** Image formats the generated Makefile can produce. */
  public static final List<String> FORMATS = List.of("elf", "bin", "hex");

  /** Instructions per SysTick tick under {@code -icount shift=0}: 1e9 / clock (40 at 25 MHz). */
  public double instructionsPerTick() {
    return 1e9 / cpuClockHz;
  }

  /** The C macro that names the core for the kernels, e.g. {@code ONEBIT_CPU_CORTEX_M4}. */
  public String cpuMacro() {
    return "ONEBIT_CPU_" + cpu.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** Checks the invariants; messages are one line, prefixed with {@code where}. */
  void validate(String where) {
    require(where, name != null && name.matches("[a-z0-9][a-z0-9._-]*"), "name must be lower-case letters, digits, '.', '_' or '-'");
    require(where, CPUS.contains(cpu), "cpu '" + cpu + "' is not one of " + CPUS);
    require(where, fpu != null, "fpu is missing (use \"none\")");
    require(where, archFlags != null && !archFlags.isEmpty(), "arch_flags is missing");
    require(where, flashSize > 0 && ramSize > 0, "flash_size and ram_size must be positive");
    require(where, flashOrigin >= 0 && flashOrigin + flashSize <= 1L << 32, "flash does not fit the 32-bit address space");
    require(where, ramOrigin >= 0 && ramOrigin + ramSize <= 1L << 32, "RAM does not fit the 32-bit address space");
    require(where, CONSOLES.contains(console), "console '" + console + "' is not one of " + CONSOLES);
    require(where, cpuClockHz > 0, "cpu_clock_hz must be positive");
    require(where, outputFormats != null && outputFormats.contains("elf") && FORMATS.containsAll(outputFormats),
        "output_formats must include elf and use only " + FORMATS);
  }

  private static void require(String where, boolean ok, String problem) {
    if (!ok) {
      throw new CodegenException(where + ": " + problem);
    }
  }
}
