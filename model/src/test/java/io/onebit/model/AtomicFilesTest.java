package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only regular files are replaced, modes follow the umask, several files are written all or nothing. */
class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (var list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void newFilesGetTheUmaskModeAndReplacedFilesKeepTheirs() throws IOException {
    Path reference = Files.createFile(dir.resolve("reference")); // what the umask gives any new file
    Path fresh = dir.resolve("fresh.json");
    AtomicFiles.writeString(fresh, "{}");
    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(fresh));
    Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-r-----"));
    AtomicFiles.writeString(fresh, "{\"a\": 1}");
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    assertEquals("{\"a\": 1}", Files.readString(fresh));
  }

  @Test
  void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
    Path target = dir.resolve("real.json");
    Files.writeString(target, "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), target.getFileName());
    AtomicFiles.writeString(link, "new");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new", Files.readString(target));
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("nowhere/x.json"));
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(dangling, "x"));
    assertTrue(e.getMessage().contains("dangling.json: is a symbolic link to nothing"), e.getMessage());
  }

  @Test
  void specialFilesAndDirectoriesAreNeverReplaced() throws Exception {
    Path nul = Path.of("/dev/null");
    if (Files.exists(nul)) {
      IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(nul, "x"));
      assertTrue(e.getMessage().contains("/dev/null: is not a regular file"), e.getMessage());
      assertFalse(Files.isRegularFile(nul, LinkOption.NOFOLLOW_LINKS));
    }
    Path fifo = dir.resolve("fifo");
    if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
      assertThrows(IOException.class, () -> AtomicFiles.writeString(fifo, "x"));
      assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));
    }
    Path sub = Files.createDirectory(dir.resolve("sub"));
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(sub, "x"));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
  }

  @Test
  void severalFilesAreWrittenAllOrNothing() throws IOException {
    Files.createDirectory(dir.resolve("in-the-way"));
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(dir.resolve("model.json"), "m".getBytes(StandardCharsets.UTF_8));
    files.put(dir.resolve("in-the-way"), "x".getBytes(StandardCharsets.UTF_8));
    assertThrows(IOException.class, () -> AtomicFiles.writeAll(files));
    assertEquals(List.of("in-the-way"), names()); // no model.json, no temporary file
    files.remove(dir.resolve("in-the-way"));
    files.put(dir.resolve("model.metrics.json"), "[]".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.writeAll(files);
    assertEquals(List.of("in-the-way", "model.json", "model.metrics.json"), names());
  }

  @Test
  void aStagedDirectoryAppearsWholeOrNotAtAll() throws IOException {
    Path out = dir.resolve("fw");
    try (StagedDirectory stage = StagedDirectory.beside(out)) {
      Files.writeString(stage.path().resolve("a.c"), "a");
      // no commit: as if the disk filled up here
    }
    assertEquals(List.of(), names());
    try (StagedDirectory stage = StagedDirectory.beside(out)) {
      Files.createDirectories(stage.path().resolve("onebit"));
      Files.writeString(stage.path().resolve("onebit/k.h"), "k");
      Files.writeString(stage.path().resolve("a.c"), "a");
      stage.commit();
    }
    assertEquals(List.of("fw"), names());
    Files.writeString(out.resolve("keep.txt"), "mine");
    try (StagedDirectory stage = StagedDirectory.beside(out)) { // an existing directory keeps its other files
      Files.writeString(stage.path().resolve("a.c"), "b");
      stage.commit();
    }
    assertEquals("b", Files.readString(out.resolve("a.c")));
    assertEquals("k", Files.readString(out.resolve("onebit/k.h")));
    assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    try (var list = Files.list(out)) {
      assertEquals(List.of("a.c", "keep.txt", "onebit"), list.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
