package io.onebit.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Files inside a Debian package's archive, taken without installing it: {@code apt-get download}
 * fetches the {@code .deb} (no root, no dependencies pulled in) and {@code dpkg-deb -x} unpacks it
 * into a temporary directory. Used for data files that ship inside a larger package, e.g. the small
 * datasets in {@code python3-sklearn} (no Python is run).
 */
final class DebianArchiveSource implements DatasetSource {
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(2);

  private final String packageName;
  private final String dataDir;

  /**
   * @param packageName e.g. {@code python3-sklearn}
   * @param dataDir where the files sit inside the package, e.g. {@code usr/lib/python3/dist-packages/sklearn/datasets/data}
   */
  DebianArchiveSource(String packageName, String dataDir) {
    this.packageName = packageName;
    this.dataDir = dataDir;
  }

  @Override
  public String name() {
    return "Debian package archive " + packageName;
  }

  @Override
  public void fetch(List<DatasetFile> wanted, Sink sink, Consumer<String> log) throws IOException {
    Path work = Files.createTempDirectory("onebit-deb");
    try {
      log.accept("running apt-get download " + packageName);
      download(work, log);
      Path deb;
      try (Stream<Path> files = Files.list(work)) {
        deb = files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
            .orElseThrow(() -> new IOException("apt-get download " + packageName + " left no .deb"));
      }
      Path unpacked = work.resolve("unpacked");
      Commands.run(work, UNPACK_TIMEOUT, "dpkg-deb", "-x", deb.toString(), unpacked.toString());
      Path data = unpacked.resolve(dataDir);
      for (DatasetFile file : wanted) {
        var copy = file.findIn(data);
        if (copy.isPresent()) {
          sink.accept(file, Files.readAllBytes(copy.get()));
        }
      }
    } finally {
      try (Stream<Path> paths = Files.walk(work)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private void download(Path work, Consumer<String> log) throws IOException {
    try {
      Commands.run(work, DOWNLOAD_TIMEOUT, "apt-get", "download", packageName);
    } catch (IOException first) {
      // A fresh machine often has no package lists yet: root can fetch them once and try again.
      if (!"root".equals(System.getProperty("user.name"))) {
        throw first;
      }
      log.accept("apt-get download failed (" + first.getMessage() + "); running apt-get update first");
      Commands.run(null, DOWNLOAD_TIMEOUT, "apt-get", "update");
      Commands.run(work, DOWNLOAD_TIMEOUT, "apt-get", "download", packageName);
    }
  }
}
