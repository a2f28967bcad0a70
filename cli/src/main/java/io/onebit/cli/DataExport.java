package io.onebit.cli;

import io.onebit.model.AtomicFiles;
import io.onebit.model.SampleType;
import io.onebit.model.StagedDirectory;
import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.LoadedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onebit data export --dataset D --out DIR}: writes an image dataset as the image-folder
 * layout {@code train} reads back ({@code DIR/train/<class>/<index>.png}, {@code DIR/test/...}): grey
 * or RGB PNGs, 8 or 16 bits. For trying the folder loader, or handing images to other tools.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write an image dataset (grey or RGB) as DIR/train/<class>/N.png and DIR/test/<class>/N.png.")
final class DataExport implements Callable<Integer> {
  @Mixin
  DataOptions data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "a directory that does not exist yet")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("--out " + out + ": exists already; give a new directory");
    }
    OutputPaths.directory(spec, "--out", out);
    LoadedData d = data.load(null);
    Dataset train = d.train();
    if (train.channels() != 1 && train.channels() != 3 || train.type() == SampleType.INT8
        || train.type() == SampleType.INT16) {
      throw new IllegalArgumentException(d.source() + ": " + train.shape() + " " + train.type()
          + " samples are not grey or RGB images");
    }
    // Written into a staging directory beside DIR and renamed when complete: a failure (a full disk) leaves nothing.
    try (StagedDirectory stage = StagedDirectory.beside(out)) {
      try {
        write(train, stage.path().resolve("train"));
        write(d.test(), stage.path().resolve("test"));
      } catch (IOException | java.io.UncheckedIOException e) {
        IOException io = e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e;
        throw new IOException("cannot write " + out + ": " + AtomicFiles.rootReason(io), e);
      }
      stage.commit();
    }
    Console.out().printf("wrote %,d + %,d images to %s%n", train.count(), d.test().count(), out);
    return 0;
  }

  private static void write(Dataset set, Path dir) throws IOException {
    for (String name : set.classNames()) {
      Files.createDirectories(dir.resolve(safe(name)));
    }
    IntStream.range(0, set.count()).parallel().forEach(i -> {
      try {
        ImageIO.write(image(set, i), "png", dir.resolve(safe(set.classNames().get(set.label(i)))).resolve(i + ".png")
            .toFile());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static BufferedImage image(Dataset set, int i) {
    int h = set.rows();
    int w = set.cols();
    int[] v = set.rawValues(i);
    boolean deep = set.type() == SampleType.UINT16;
    if (set.channels() == 1) {
      BufferedImage image = new BufferedImage(w, h, deep ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
      image.getRaster().setPixels(0, 0, w, h, v);
      return image;
    }
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    for (int p = 0; p < h * w; p++) {
      int rgb = (v[3 * p] & 0xff) << 16 | (v[3 * p + 1] & 0xff) << 8 | (v[3 * p + 2] & 0xff);
      image.setRGB(p % w, p / w, rgb);
    }
    return image;
  }

  /** A class name as a folder name: path separators and leading dots replaced. */
  private static String safe(String name) {
    String s = name.replaceAll("[/\\\\:\\x00]", "_");
    return s.startsWith(".") ? "_" + s.substring(1) : s;
  }
}
