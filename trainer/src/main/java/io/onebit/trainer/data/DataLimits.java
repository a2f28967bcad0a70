package io.onebit.trainer.data;

/**
 * Refuses data that would not fit in memory before reading it, with one line naming the file:
 * a dataset is held in memory whole (raw elements, the trainer's 8-bit view, and the loader's
 * working copy), so a file needing more than half the Java heap would fail later, slowly, with an
 * OutOfMemoryError. Arrays are also limited to 2^31 − 1 elements.
 */
public final class DataLimits {
  /** Share of the maximum heap one dataset may take. */
  static final double HEAP_SHARE = 0.5;

  private DataLimits() {}

  /**
   * @param where the file (and whatever else names the data) for the message
   * @param elements raw elements the data holds
   * @param bytesPerElement memory per element while loading (raw, 8-bit view and working copy)
   */
  public static void require(String where, long elements, long bytesPerElement) {
    if (elements > Integer.MAX_VALUE - 8) {
      throw new DataFormatException(where, elements + " elements are more than one array can hold (2^31 - 1)");
    }
    long needed = elements * bytesPerElement;
    long allowed = (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE);
    if (needed > allowed) {
      throw new DataFormatException(where, String.format(java.util.Locale.ROOT,
          "needs about %,d MB in memory, more than half the Java heap (%,d MB); give more with "
              + "ONEBIT_JAVA_OPTS=-Xmx..., or use fewer samples", needed >> 20, Runtime.getRuntime().maxMemory() >> 20));
    }
  }
}
