package io.onebit.cli;

import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.data.LoadedData;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code onebit data inspect}: loads a dataset as {@code train} would and prints what it holds (splits,
 * shape, sample type, classes with their counts, fraction bits, the fitted input map), how long the
 * load took and how much Java heap it needed (the peak of the heap pools during the load, and what stays
 * in use after it, both after a GC before the load).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Load a dataset (name or path) as train would; print splits, shape, type, classes, the input map,"
        + " load time and heap.")
final class DataInspect implements Callable<Integer> {
  @Mixin
  DataOptions data;

  @Override
  public Integer call() {
    System.gc();
    long before = usedHeap();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long start = System.nanoTime();
    LoadedData d = data.load(null);
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    d.train().pixels(); // the trainer's 8-bit view is part of what training holds
    System.gc();
    long after = usedHeap();
    var out = Console.out();
    out.printf("dataset      %s%n", d.source());
    print(out, "train", d.train());
    if (d.validation() != null) {
      print(out, "validation", d.validation());
    }
    print(out, d.heldOutTest() ? "test (held out)" : "test", d.test());
    Dataset t = d.train();
    out.printf("samples      %s %s, %d classes%n", t.shape(), t.type(), t.classes());
    int[] counts = t.classCounts();
    StringBuilder classes = new StringBuilder();
    for (int c = 0; c < t.classes() && c < 20; c++) {
      classes.append(c == 0 ? "" : ", ").append(t.classNames().get(c)).append(" ").append(counts[c]);
    }
    out.printf("classes      %s%s%n", classes, t.classes() > 20 ? ", ..." : "");
    if (t.fractionBits() != null) {
      out.printf("fixed point  fraction bits per channel %s%n", java.util.Arrays.toString(t.fractionBits()));
    }
    out.printf("input map    %s%n", d.map() == null ? "none (uint8 read as it is)" : d.map());
    out.printf(java.util.Locale.ROOT, "load         %.2f s; heap peak %,d MB during the load, %,d MB held after it%n",
        seconds, Math.max(0, peak - before) >> 20, Math.max(0, after - before) >> 20);
    return 0;
  }

  private static void print(java.io.PrintStream out, String what, Dataset d) {
    out.printf("%-12s %,d samples%n", what, d.count());
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
