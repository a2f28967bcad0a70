package io.onebit.trainer.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file of samples: one row per sample, one label column, every other column a numeric
 * feature (RFC 4180, parsed with Apache Commons CSV; gzip-compressed files are read as well).
 *
 * <ul>
 *   <li>Header: the first row is a header when any of its feature cells is not a number (or when
 *       the label column is given by name).
 *   <li>Label column: by name (a header cell) or by 0-based index (negative counts from the end,
 *       -1 the last column); by default the column named label, class, target or y (any case) when
 *       the header has one, else the last column.
 *   <li>Features: decimal numbers ({@code -1.5}, {@code 2e-3}); an empty cell, any other text, NaN
 *       or infinity is refused with its row and column.
 * </ul>
 *
 * @param file the path, for messages
 * @param featureNames the feature columns' header cells (or "column N")
 * @param features rows × features values, row-major
 * @param labels one label text per row, trimmed
 * @param rowNumbers each sample's row in the file (1-based, the header counted), for messages
 */
public record CsvTable(String file, List<String> featureNames, double[] features, List<String> labels,
    int[] rowNumbers) {
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final List<String> LABEL_NAMES = List.of("label", "class", "target", "y");

  public int rows() {
    return labels.size();
  }

  public int columns() {
    return featureNames.size();
  }

  /**
   * @param labelColumn a header name, a 0-based index (negative from the end), or null for the default
   * @param skipFirstLine whether the first line is not data (a format's own preamble)
   */
  public static CsvTable read(Path path, String labelColumn, boolean skipFirstLine) {
    String file = path.toString();
    List<CSVRecord> records = records(path, file);
    if (skipFirstLine && !records.isEmpty()) {
      records = records.subList(1, records.size());
    }
    if (records.isEmpty()) {
      throw new DataFormatException(file, "no rows");
    }
    CSVRecord first = records.get(0);
    int width = first.size();
    if (width < 2) {
      throw new DataFormatException(file, "row " + first.getRecordNumber() + " has " + width
          + " column; a sample needs a label column and at least one feature");
    }
    boolean byName = labelColumn != null && !isInteger(labelColumn);
    boolean header = byName;
    for (String cell : first) {
      header |= !isNumber(cell) && !cell.isBlank();
    }
    // A header is text everywhere; a first data row with a text label has numbers in every other column.
    if (header && !byName) {
      int numeric = 0;
      for (String cell : first) {
        numeric += isNumber(cell) ? 1 : 0;
      }
      header = numeric < width - 1;
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      names.add(header ? first.get(c).strip() : "column " + c);
    }
    int label = labelIndex(file, labelColumn, names, header, width);
    List<CSVRecord> data = header ? records.subList(1, records.size()) : records;
    if (data.isEmpty()) {
      throw new DataFormatException(file, "a header but no data rows");
    }
    DataLimits.require(file, (long) data.size() * (width - 1), 16);
    double[] features = new double[data.size() * (width - 1)];
    List<String> labels = new ArrayList<>(data.size());
    int[] rowNumbers = new int[data.size()];
    for (int r = 0; r < data.size(); r++) {
      CSVRecord record = data.get(r);
      long row = record.getRecordNumber();
      if (record.size() != width) {
        throw new DataFormatException(file, "row " + row + " has " + record.size() + " cells, expected " + width
            + (record.size() == 1 && record.get(0).isEmpty() ? " (an empty line)" : ""));
      }
      int f = 0;
      for (int c = 0; c < width; c++) {
        String cell = record.get(c).strip();
        String where = "row " + row + ", column '" + names.get(c) + "'";
        if (cell.isEmpty()) {
          throw new DataFormatException(file, where + ": empty cell");
        }
        if (c == label) {
          labels.add(cell);
          continue;
        }
        features[r * (width - 1) + f++] = number(file, where, cell);
      }
      rowNumbers[r] = (int) row;
    }
    List<String> featureNames = new ArrayList<>(names);
    featureNames.remove(label);
    return new CsvTable(file, List.copyOf(featureNames), features, List.copyOf(labels), rowNumbers);
  }

  /** The numeric cells of a CSV file without labels (for {@code predict}): rows × columns. */
  public static List<double[]> readUnlabelled(Path path, int columns) {
    String file = path.toString();
    List<double[]> rows = new ArrayList<>();
    boolean first = true;
    for (CSVRecord record : records(path, file)) {
      boolean text = false;
      for (String cell : record) {
        text |= !isNumber(cell.strip());
      }
      if (first && text) {
        first = false;
        continue; // a header
      }
      first = false;
      if (record.size() != columns) {
        throw new DataFormatException(file, "row " + record.getRecordNumber() + " has " + record.size()
            + " cells, the model takes " + columns + " features");
      }
      double[] values = new double[columns];
      for (int c = 0; c < columns; c++) {
        values[c] = number(file, "row " + record.getRecordNumber() + ", column " + c, record.get(c).strip());
      }
      rows.add(values);
    }
    if (rows.isEmpty()) {
      throw new DataFormatException(file, "no rows");
    }
    return rows;
  }

  private static List<CSVRecord> records(Path path, String file) {
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      throw new DataFormatException(file, "cannot read: " + Failures.describe(e));
    }
    DataLimits.require(file, size / 2, 24);
    byte[] content = IdxReader.content(path);
    try (Reader reader = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(content), StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(reader)) {
      return parser.getRecords();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new DataFormatException(file, "not a readable CSV file: " + Failures.describe(e));
    }
  }

  private static int labelIndex(String file, String labelColumn, List<String> names, boolean header, int width) {
    if (labelColumn == null) {
      if (header) {
        for (int c = 0; c < width; c++) {
          if (LABEL_NAMES.contains(names.get(c).toLowerCase(Locale.ROOT))) {
            return c;
          }
        }
      }
      return width - 1;
    }
    if (isInteger(labelColumn)) {
      int index = Integer.parseInt(labelColumn.strip());
      int resolved = index < 0 ? width + index : index;
      if (resolved < 0 || resolved >= width) {
        throw new DataFormatException(file, "label column " + index + " is outside the " + width + " columns");
      }
      return resolved;
    }
    int index = names.indexOf(labelColumn);
    if (index < 0) {
      throw new DataFormatException(file, "no column '" + labelColumn + "' (columns: " + String.join(", ",
          names.size() > 12 ? names.subList(0, 12) : names) + (names.size() > 12 ? ", ..." : "") + ")");
    }
    return index;
  }

  static double number(String file, String where, String cell) {
    if (!NUMBER.matcher(cell).matches()) {
      String lower = cell.toLowerCase(Locale.ROOT);
      if (lower.matches("[+-]?(nan|inf|infinity)")) {
        throw new DataFormatException(file, where + ": " + cell + " is not a finite number");
      }
      throw new DataFormatException(file, where + ": '" + (cell.length() > 40 ? cell.substring(0, 40) + "..." : cell)
          + "' is not a number");
    }
    double v = Double.parseDouble(cell);
    if (!Double.isFinite(v)) {
      throw new DataFormatException(file, where + ": " + cell + " overflows a double");
    }
    return v;
  }

  static boolean isNumber(String cell) {
    return NUMBER.matcher(cell.strip()).matches();
  }

  private static boolean isInteger(String text) {
    return text.strip().matches("[+-]?\\d{1,9}");
  }
}
