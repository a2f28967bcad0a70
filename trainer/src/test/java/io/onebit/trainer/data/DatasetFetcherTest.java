package io.onebit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onebit.model.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFetcherTest {
  private static final List<String> ALL = List.copyOf(TinyDataset.CONTENT.keySet());

  @TempDir Path root;
  private final List<String> log = new ArrayList<>();

  private Path cacheRoot() {
    return root.resolve("cache");
  }

  private Path fetch(Path userDir, DatasetSource... sources) {
    return new DatasetFetcher(cacheRoot()).fetch(TinyDataset.spec(List.of(sources)), userDir, log::add);
  }

  private List<String> cacheListing() throws IOException {
    try (Stream<Path> files = Files.list(cacheRoot().resolve("tiny"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void completeUserDirectoryIsUsedInPlace() throws IOException {
    Path user = root.resolve("user");
    TinyDataset.writeTo(user, true);
    FakeSource source = new FakeSource("remote").servingAll(false);
    assertEquals(user, fetch(user, source));
    assertTrue(source.requests.isEmpty());
    assertFalse(Files.exists(cacheRoot()), "nothing copied into the cache");
    assertEquals(TinyDataset.TEST, Datasets.read(TinyDataset.spec(List.of()), "test", user).count());
  }

  @Test
  void completeCacheNeedsNoSource() throws IOException {
    TinyDataset.writeTo(cacheRoot().resolve("tiny"), false);
    FakeSource source = new FakeSource("remote").servingAll(false);
    assertEquals(cacheRoot().resolve("tiny"), fetch(null, source));
    assertTrue(source.requests.isEmpty());
  }

  @Test
  void badUserDirectoryFallsThroughToTheCache() throws IOException {
    Path user = root.resolve("user");
    TinyDataset.writeTo(user, false);
    AtomicFiles.write(user.resolve("train-labels-idx1-ubyte"), IdxFixtures.labels(6, 5, 4));
    TinyDataset.writeTo(cacheRoot().resolve("tiny"), true);
    assertEquals(cacheRoot().resolve("tiny"), fetch(user));
    assertTrue(log.get(0).startsWith("tiny: not using " + user + ": " + user.resolve("train-labels-idx1-ubyte")
        + ": checksum mismatch"), log.get(0));
  }

  @Test
  void sourcesAreTriedInOrderUntilEveryFileIsStored() throws IOException {
    FakeSource down = new FakeSource("mirror").failingWith("https://mirror/x.gz: UnresolvedAddressException");
    FakeSource good = new FakeSource("package").servingAll(true);
    FakeSource unused = new FakeSource("unused").servingAll(false);
    Path dir = fetch(null, down, good, unused);

    assertEquals(cacheRoot().resolve("tiny"), dir);
    assertEquals(List.of(ALL), down.requests);
    assertEquals(List.of(ALL), good.requests);
    assertTrue(unused.requests.isEmpty());
    assertEquals(ALL.stream().map(n -> n + ".gz").sorted().toList(), cacheListing(), "no temporary files left");
    assertTrue(log.contains("tiny: mirror failed: https://mirror/x.gz: UnresolvedAddressException"), log.toString());
    assertEquals(TinyDataset.TRAIN, Datasets.read(TinyDataset.spec(List.of()), "train", dir).count());
  }

  @Test
  void partialDeliveryIsKeptAndOnlyTheRestIsAskedFor() {
    FakeSource half = new FakeSource("half")
        .serving(ALL.get(0), TinyDataset.CONTENT.get(ALL.get(0)))
        .serving(ALL.get(2), TinyDataset.CONTENT.get(ALL.get(2)))
        .failingWith("connection reset");
    FakeSource rest = new FakeSource("rest").servingAll(false);
    fetch(null, half, rest);
    assertEquals(List.of(List.of(ALL.get(1), ALL.get(3))), rest.requests);
  }

  @Test
  void corruptCachedCopyIsReportedAndReplaced() throws IOException {
    Path cache = cacheRoot().resolve("tiny");
    TinyDataset.writeTo(cache, false);
    byte[] damaged = TinyDataset.CONTENT.get("t10k-images-idx3-ubyte").clone();
    damaged[20] ^= 1;
    AtomicFiles.write(cache.resolve("t10k-images-idx3-ubyte"), damaged);
    FakeSource source = new FakeSource("remote").servingAll(true);

    fetch(null, source);
    assertEquals(List.of(List.of("t10k-images-idx3-ubyte")), source.requests);
    assertTrue(log.stream().anyMatch(l -> l.startsWith("tiny: bad cached copy, fetching it again: "
        + cache.resolve("t10k-images-idx3-ubyte") + ": checksum mismatch")), log.toString());
    assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte",
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte"), cacheListing(), "the bad raw copy is gone");
  }

  @Test
  void wrongBytesFromASourceAreNotStored() throws IOException {
    FakeSource liar = new FakeSource("liar").servingAll(false)
        .serving("train-labels-idx1-ubyte", IdxFixtures.labels(6, 5, 2));
    FakeSource honest = new FakeSource("honest").servingAll(false);
    fetch(null, liar, honest);
    assertEquals(List.of(List.of("train-labels-idx1-ubyte")), honest.requests);
    assertTrue(log.stream().anyMatch(l -> l.startsWith("tiny: liar: rejected train-labels-idx1-ubyte: checksum mismatch")),
        log.toString());
    assertEquals(ALL.stream().sorted().toList(), cacheListing());
  }

  @Test
  void whenAllFailOneLineSaysWhatWasTriedAndWhy() throws IOException {
    Path user = root.resolve("user");
    Files.createDirectories(user);
    byte[] corruptGzip = IdxFixtures.gzip(TinyDataset.CONTENT.get("train-images-idx3-ubyte"));
    corruptGzip[corruptGzip.length - 3] ^= 0x7f; // in the length trailer
    FakeSource mirror = new FakeSource("mirror").failingWith("https://m/: HTTP 404");
    FakeSource empty = new FakeSource("package");
    FakeSource broken = new FakeSource("broken").serving("train-images-idx3-ubyte", corruptGzip);

    DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
        () -> fetch(user, mirror, empty, broken));
    Path cache = cacheRoot().resolve("tiny");
    String all = String.join(", ", ALL);
    assertEquals("tiny: no verified copy found; tried directory " + user + " (lacks train-images-idx3-ubyte); "
        + "cache " + cache + " (lacks " + all + "); mirror (https://m/: HTTP 404); package (does not have " + all + "); "
        + "broken (does not have " + String.join(", ", ALL.subList(1, 4))
        + ", train-images-idx3-ubyte: corrupt gzip: Corrupt GZIP trailer)", e.getMessage());
    assertFalse(Files.exists(cache), "nothing stored");
  }

  @Test
  void cacheDirectoryIsNamedAfterTheDataset() {
    assertEquals(root.resolve("mnist"), new DatasetFetcher(root).cacheDir(DatasetCatalog.MNIST));
    assertTrue(DatasetFetcher.defaultCacheRoot().isAbsolute());
  }
}
