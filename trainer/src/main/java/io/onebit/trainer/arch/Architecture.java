package io.onebit.trainer.arch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named network shape. The fully connected ones are FINN's MNIST topologies: TFC (64³),
 * SFC (256³) and LFC (1024³), each fully binary with thresholded 1-bit input.
 *
 * @param name the name used on the command line
 * @param hidden widths of the hidden binary layers
 */
public record Architecture(String name, int[] hidden) {
  private static final Map<String, Architecture> NAMED = new TreeMap<>();

  static {
    register(new Architecture("tfc", new int[] {64, 64, 64}));
    register(new Architecture("sfc", new int[] {256, 256, 256}));
    register(new Architecture("lfc", new int[] {1024, 1024, 1024}));
  }

  private static void register(Architecture a) {
    NAMED.put(a.name, a);
  }

  public static Architecture named(String name) {
    Architecture a = NAMED.get(name.toLowerCase(Locale.ROOT));
    if (a == null) {
      throw new IllegalArgumentException("unknown architecture '" + name + "' (known: " + String.join(", ", NAMED.keySet()) + ")");
    }
    return a;
  }

  public static java.util.Set<String> names() {
    return NAMED.keySet();
  }

  /** Hidden widths followed by the class count. */
  public int[] widths(int classes) {
    int[] widths = Arrays.copyOf(hidden, hidden.length + 1);
    widths[hidden.length] = classes;
    return widths;
  }
}
