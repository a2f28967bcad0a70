package io.onebit.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Debian package that installs a dataset's IDX files somewhere under /usr/share; {@code dpkg -L}
 * says where, so no install path is hard-coded. When the package is missing and we are root (as
 * on CI machines), it is installed, since apt is the one channel such machines can always reach.
 */
final class DebianPackageSource implements DatasetSource {
  private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);

  private final String packageName;

  DebianPackageSource(String packageName) {
    this.packageName = packageName;
  }

  @Override
  public String name() {
    return "Debian package " + packageName;
  }

  @Override
  public void fetch(List<DatasetFile> wanted, Sink sink, Consumer<String> log) throws IOException {
    List<Path> installed = installedFiles(log);
    for (DatasetFile file : wanted) {
      Optional<Path> copy = installed.stream().filter(file::matches).findFirst();
      if (copy.isPresent()) {
        sink.accept(file, Files.readAllBytes(copy.get()));
      }
    }
  }

  private List<Path> installedFiles(Consumer<String> log) throws IOException {
    try {
      return listFiles();
    } catch (IOException notInstalled) {
      // apt-get cannot install without root; say what to run rather than fail obscurely.
      if (!"root".equals(System.getProperty("user.name"))) {
        throw new IOException("not installed (install it with: sudo apt-get install " + packageName + ")");
      }
      install(log);
      return listFiles();
    }
  }

  private List<Path> listFiles() throws IOException {
    return Commands.run(null, QUERY_TIMEOUT, "dpkg", "-L", packageName).lines()
        .map(Path::of)
        .filter(Files::isRegularFile)
        .toList();
  }

  private void install(Consumer<String> log) throws IOException {
    log.accept("installing " + packageName + " with apt-get");
    try {
      Commands.run(null, APT_TIMEOUT, "apt-get", "install", "-y", packageName);
    } catch (IOException first) {
      // A fresh machine often has no package lists yet; update once, then try again.
      log.accept("apt-get install failed (" + first.getMessage() + "); running apt-get update first");
      Commands.run(null, APT_TIMEOUT, "apt-get", "update");
      Commands.run(null, APT_TIMEOUT, "apt-get", "install", "-y", packageName);
    }
  }
}
