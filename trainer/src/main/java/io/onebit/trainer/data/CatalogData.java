package io.onebit.trainer.data;

import io.onebit.model.TensorShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a catalogue dataset's verified files into {train, test or null}. */
final class CatalogData {
  private CatalogData() {}

  static Dataset[] read(DatasetSpec spec, Path dir, TensorShape reshape) {
    TensorShape shape = reshape != null ? reshape : new TensorShape(spec.rows(), spec.cols(), spec.channels());
    switch (spec.format()) {
      case IDX -> {
        if (reshape != null) {
          throw new IllegalArgumentException("--input-shape does not apply to " + spec.name());
        }
        return new Dataset[] {Datasets.read(spec, DatasetSpec.TRAIN, dir), Datasets.read(spec, DatasetSpec.TEST, dir)};
      }
      case NPZ -> {
        Path file = locate(spec, dir);
        Dataset[] sets = ArrayDatasets.fromNpz(file, shape);
        return new Dataset[] {sets[0].named(spec.name() + "/train"), sets[1].named(spec.name() + "/test")};
      }
      default -> {
        return new Dataset[] {sklearn(spec, locate(spec, dir), shape), null};
      }
    }
  }

  private static Path locate(DatasetSpec spec, Path dir) {
    DatasetFile f = spec.files().get(0);
    return f.findIn(dir).orElseThrow(() -> new DataFormatException(dir.resolve(f.baseName()).toString(),
        "file not found (nor with " + DatasetFile.GZ + ")"));
  }

  /**
   * scikit-learn's CSV: rows whose last column is the class index, after a preamble line
   * "n,features,names..." in most files (not in digits.csv, which is data from its first line: a
   * preamble is shorter than a row).
   */
  private static Dataset sklearn(DatasetSpec spec, Path file, TensorShape shape) {
    List<String> lines = new String(IdxReader.content(file), java.nio.charset.StandardCharsets.UTF_8).lines().limit(2)
        .toList();
    boolean preamble = lines.size() == 2 && lines.get(0).split(",").length < lines.get(1).split(",").length;
    CsvTable table = CsvTable.read(file, "-1", preamble);
    List<String> names = preamble ? classNames(lines.get(0), spec.classes()) : Dataset.indexNames(spec.classes());
    int features = table.columns();
    if (features != shape.elements()) {
      throw new DataFormatException(file.toString(), features + " features per row, expected " + shape.elements());
    }
    byte[] labels = new byte[table.rows()];
    for (int i = 0; i < labels.length; i++) {
      String l = table.labels().get(i);
      if (!l.matches("\\d{1,3}") || Integer.parseInt(l) >= spec.classes()) {
        throw new DataFormatException(file.toString(), "row " + table.rowNumbers()[i] + ": label '" + l
            + "' is not a class index below " + spec.classes());
      }
      labels[i] = (byte) Integer.parseInt(l);
    }
    RawConversion.Result raw = RawConversion.convert(file.toString(), i -> table.features()[i], table.features().length,
        shape.channels(), i -> "row " + table.rowNumbers()[i / features] + ", column " + i % features);
    return new Dataset(spec.name(), table.rows(), shape, raw.raw(), labels, names, raw.fractionBits(), null);
  }

  /** The class names on the preamble line after the two counts, or the indices when the line has none. */
  private static List<String> classNames(String first, int classes) {
    String[] cells = first.split(",");
    List<String> names = new ArrayList<>();
    for (int i = 2; i < cells.length; i++) {
      names.add(cells[i].strip());
    }
    return names.size() == classes ? names : Dataset.indexNames(classes);
  }
}
