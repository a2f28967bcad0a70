package io.onebit.codegen;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;

/**
 * Flash and RAM of a built firmware, read from its ELF files.
 *
 * @param firmware the whole linked firmware (startup, harness, test vectors, model)
 * @param model the model alone: the sections of the object compiled from model.c (weights,
 *     thresholds, activation buffers, and the kernels inlined into the infer function)
 * @param weightBytes the packed weight arrays, from the firmware's symbol table
 */
public record ElfSizes(MemoryUsage firmware, MemoryUsage model, long weightBytes) {
  /** Reads the linked ELF and model.o; {@code weightSymbols} names the weight arrays. */
  public static ElfSizes of(Path firmwareElf, Path modelObject, Collection<String> weightSymbols) {
    ElfFile elf = ElfFile.read(firmwareElf);
    Set<String> names = Set.copyOf(weightSymbols);
    long weights = elf.symbols().stream().filter(s -> names.contains(s.name())).mapToLong(ElfFile.Symbol::size).sum();
    return new ElfSizes(MemoryUsage.of(elf), MemoryUsage.of(ElfFile.read(modelObject)), weights);
  }

  /** For a firmware built from generated sources. */
  public static ElfSizes of(FirmwareImage image, ModelView model) {
    return of(image.elf(), image.modelObject(), model.weightSymbols());
  }

  /** Whether a symbol of this name is defined or referenced in the ELF, e.g. {@code __popcountsi2}. */
  public static boolean hasSymbol(Path elf, String name) {
    return ElfFile.read(elf).symbols().stream().anyMatch(s -> s.name().equals(name));
  }
}
