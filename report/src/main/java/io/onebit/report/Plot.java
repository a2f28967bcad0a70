package io.onebit.report;

/**
 * One rendered chart.
 *
 * @param name file name stem, e.g. {@code loss} (the PNG is {@code <name>.png})
 * @param title what it shows, for the page
 * @param png the PNG bytes
 */
public record Plot(String name, String title, byte[] png) {
  public String fileName() {
    return name + ".png";
  }
}
