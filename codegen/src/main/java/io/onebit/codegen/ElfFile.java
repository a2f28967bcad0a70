package io.onebit.codegen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The section headers and symbol table of a 32-bit little-endian ELF file (Arm executables and
 * object files), read in Java so that size reports need no binutils.
 */
public record ElfFile(Path path, List<Section> sections, List<Symbol> symbols) {
  static final int SHT_SYMTAB = 2;
  static final int SHT_NOBITS = 8;
  static final int SHF_WRITE = 0x1;
  static final int SHF_ALLOC = 0x2;

  /** One section header. */
  public record Section(String name, int type, int flags, long address, long size) {
    /** Occupies memory at run time. */
    public boolean allocated() {
      return (flags & SHF_ALLOC) != 0;
    }

    /** Has bytes in the file, hence in the flash image when allocated (.bss has none). */
    public boolean hasContents() {
      return type != SHT_NOBITS;
    }

    /** Writable at run time, hence in RAM when allocated (.data, .bss). */
    public boolean writable() {
      return (flags & SHF_WRITE) != 0;
    }
  }

  /**
   * One symbol table entry.
   *
   * @param binding STB_LOCAL (0), STB_GLOBAL (1) or STB_WEAK (2)
   */
  public record Symbol(String name, long value, long size, int sectionIndex, int binding) {
    /** Visible to other object files: global or weak. */
    public boolean global() {
      return binding == 1 || binding == 2;
    }

    /** Referenced here, defined elsewhere (section index SHN_UNDEF). */
    public boolean undefined() {
      return sectionIndex == 0 && !name.isEmpty();
    }
  }

  /** Reads the file. */
  public static ElfFile read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new CodegenException(path + ": cannot read (" + e.getMessage() + ")", e);
    }
    try {
      return parse(path, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new CodegenException(path + ": truncated or corrupt ELF file", e);
    }
  }

  private static ElfFile parse(Path path, ByteBuffer b) {
    if (b.limit() < 52 || b.getInt(0) != 0x464c457f) {
      throw new CodegenException(path + ": not an ELF file");
    }
    if (b.get(4) != 1 || b.get(5) != 1) {
      throw new CodegenException(path + ": not a 32-bit little-endian ELF file");
    }
    int shoff = b.getInt(32);
    int shentsize = Short.toUnsignedInt(b.getShort(46));
    int shnum = Short.toUnsignedInt(b.getShort(48));
    int shstrndx = Short.toUnsignedInt(b.getShort(50));
    int[] nameOffsets = new int[shnum];
    int[] offsets = new int[shnum];
    int[] links = new int[shnum];
    List<Section> raw = new ArrayList<>(shnum);
    for (int i = 0; i < shnum; i++) {
      int h = shoff + i * shentsize;
      nameOffsets[i] = b.getInt(h);
      offsets[i] = b.getInt(h + 16);
      links[i] = b.getInt(h + 24);
      raw.add(new Section("", b.getInt(h + 4), b.getInt(h + 8), Integer.toUnsignedLong(b.getInt(h + 12)),
          Integer.toUnsignedLong(b.getInt(h + 20))));
    }
    List<Section> sections = new ArrayList<>(shnum);
    for (int i = 0; i < shnum; i++) {
      Section s = raw.get(i);
      String name = string(b, offsets[shstrndx], nameOffsets[i]);
      sections.add(new Section(name, s.type(), s.flags(), s.address(), s.size()));
    }
    List<Symbol> symbols = new ArrayList<>();
    for (int i = 0; i < shnum; i++) {
      if (sections.get(i).type() == SHT_SYMTAB) {
        int strtab = offsets[links[i]];
        for (long e = 0; e < sections.get(i).size(); e += 16) {
          int at = offsets[i] + (int) e;
          symbols.add(new Symbol(string(b, strtab, b.getInt(at)), Integer.toUnsignedLong(b.getInt(at + 4)),
              Integer.toUnsignedLong(b.getInt(at + 8)), Short.toUnsignedInt(b.getShort(at + 14)),
              Byte.toUnsignedInt(b.get(at + 12)) >>> 4));
        }
      }
    }
    return new ElfFile(path, List.copyOf(sections), List.copyOf(symbols));
  }

  private static String string(ByteBuffer b, int table, int offset) {
    int start = table + offset;
    int end = start;
    while (b.get(end) != 0) {
      end++;
    }
    byte[] chars = new byte[end - start];
    b.get(start, chars);
    return new String(chars, StandardCharsets.US_ASCII);
  }
}
