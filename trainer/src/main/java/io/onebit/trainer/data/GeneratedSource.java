package io.onebit.trainer.data;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A dataset the project generates ({@link SyntheticData}): its files come from a deterministic
 * generator instead of a download, and the fetcher checks them against the catalogue's SHA-256 as it
 * checks downloaded ones (a changed generator is caught, not silently trained on).
 */
final class GeneratedSource implements DatasetSource {
  private final String name;
  private final Map<String, Supplier<byte[]>> generators;

  /** @param generators by file base name */
  GeneratedSource(String name, Map<String, Supplier<byte[]>> generators) {
    this.name = name;
    this.generators = Map.copyOf(generators);
  }

  @Override
  public String name() {
    return "generator " + name;
  }

  @Override
  public void fetch(List<DatasetFile> wanted, Sink sink, Consumer<String> log) throws IOException {
    for (DatasetFile file : wanted) {
      Supplier<byte[]> generator = generators.get(file.baseName());
      if (generator != null) {
        log.accept("generating " + file.baseName());
        sink.accept(file, generator.get());
      }
    }
  }
}
