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
 * @param console how the firmware prints and exits: {@code semihosting} (QEMU, or a debugger) or
 *     {@code uart} (a real board's serial port, see {@link Uart}; exit then means "stop and idle")
 * @param qemuMachine the {@code qemu-system-arm -M} machine, or null if QEMU has none
 * @param cpuClockHz the core clock; under {@code -icount shift=0} one SysTick tick is 1e9/clock instructions
 * @param outputFormats images to build: {@code elf}, {@code bin}, {@code hex}, {@code uf2}
 * @param uart optional: the serial port, required when console is {@code uart}
 * @param flash optional: how {@code onebit flash} programs the board; null for emulated boards
 * @param boot2 optional: a second-stage bootloader placed before the vector table; only
 *     {@code rp2040-w25q} (RP2040 with a Winbond W25Q flash, see firmware/rp2040/boot2.c)
 * @param uf2FamilyId optional: the UF2 family ID, required when output_formats has {@code uf2}
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
    List<String> outputFormats,
    Uart uart,
    FlashTool flash,
    String boot2,
    @JsonDeserialize(using = MemorySizeDeserializer.class) Long uf2FamilyId) {

  /** Cores the firmware runtime knows. */
  public static final List<String> CPUS =
      List.of("cortex-m0", "cortex-m0plus", "cortex-m3", "cortex-m4", "cortex-m7", "cortex-m33", "cortex-m55");
  /** Consoles the firmware runtime implements. */
  public static final List<String> CONSOLES = List.of("semihosting", "uart");
  /** Image formats the generated Makefile can produce ({@code uf2} is written by {@link Uf2Writer}). */
  public static final List<String> FORMATS = List.of("elf", "bin", "hex", "uf2");
  /** Second-stage bootloaders the runtime carries. */
  public static final List<String> BOOT2 = List.of("rp2040-w25q");

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
    require(where, "uart".equals(console) == (uart != null), "console 'uart' needs a uart object, and only it does");
    if (uart != null) {
      uart.validate(where);
    }
    if (flash != null) {
      flash.validate(where, outputFormats);
    }
    require(where, boot2 == null || BOOT2.contains(boot2), "boot2 '" + boot2 + "' is not one of " + BOOT2);
    require(where, outputFormats.contains("uf2") == (uf2FamilyId != null), "output format uf2 needs uf2_family_id, and only it does");
    require(where, !outputFormats.contains("uf2") || outputFormats.contains("bin"), "output format uf2 is made from the bin image: add bin");
  }

  /** Whether QEMU can run this board's firmware. */
  public boolean emulated() {
    return qemuMachine != null;
  }

  static void require(String where, boolean ok, String problem) {
    if (!ok) {
      throw new CodegenException(where + ": " + problem);
    }
  }
}
