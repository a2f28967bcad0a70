package io.onebit.codegen;

/**
 * Memory taken by a firmware or one of its object files.
 *
 * @param flashBytes the load image: code, constants and the initial values of .data
 * @param ramBytes .data plus .bss (the stack is not counted)
 */
public record MemoryUsage(long flashBytes, long ramBytes) {
  /** Sums the allocated sections: flash = those with contents, RAM = the writable ones. */
  public static MemoryUsage of(ElfFile elf) {
    long flash = 0;
    long ram = 0;
    for (ElfFile.Section s : elf.sections()) {
      if (s.allocated()) {
        flash += s.hasContents() ? s.size() : 0;
        ram += s.writable() ? s.size() : 0;
      }
    }
    return new MemoryUsage(flash, ram);
  }
}
