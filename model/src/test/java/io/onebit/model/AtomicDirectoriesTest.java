package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory appears complete or not at all, and a non-empty one is replaced only when asked. */
class AtomicDirectoriesTest {
  @TempDir
  Path dir;

  @Test
  void writesCompleteDirectoriesAndReplacesOnlyWhenAsked() throws IOException {
    Path out = dir.resolve("out");
    AtomicDirectories.write(out, false, d -> Files.writeString(Files.createDirectories(d.resolve("src")).resolve("a.c"), "a"));
    assertEquals("a", Files.readString(out.resolve("src/a.c")));
    assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(out.resolve("src/a.c"))));
    assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AtomicDirectories.write(out, false, d -> Files.writeString(d.resolve("b"), "b")));
    assertTrue(e.getMessage().contains("not empty (use --force"), e.getMessage());
    AtomicDirectories.write(out, true, d -> Files.writeString(d.resolve("b"), "b"));
    assertEquals(List.of("out"), names(dir));
    assertEquals(List.of("b"), names(out));
  }

  @Test
  void aFailureLeavesTheOldDirectoryAndNoTemporaryOne() throws IOException {
    Path out = dir.resolve("out");
    AtomicDirectories.write(out, false, d -> Files.writeString(d.resolve("old"), "old"));
    assertThrows(IOException.class, () -> AtomicDirectories.write(out, true, d -> {
      Files.writeString(d.resolve("half"), "half");
      throw new IOException("disk full");
    }));
    assertEquals(List.of("old"), names(out));
    assertEquals(List.of("out"), names(dir), "no temporary directory left behind");
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThrows(IllegalArgumentException.class, () -> AtomicDirectories.write(file, true, d -> { }));
    assertFalse(Files.isDirectory(file));
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
