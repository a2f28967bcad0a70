package io.onebit.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Stratified, seeded splits: every class gives the same fraction of its samples, so a rare class
 * is not left out of the test set by chance, and the same seed gives the same split on any machine
 * (so {@code eval} re-creates the split {@code train} held out).
 *
 * <p>Per class c with n_c samples, in file order: shuffle their indices with a generator seeded by
 * (seed, c), take the first round(f · n_c) for the held-out part, but at least 1 when f &gt; 0 and
 * n_c ≥ 2, and never all of them. Both parts keep file order.
 */
public final class Splits {
  private Splits() {}

  /** The two parts of a split: {@code kept} and {@code heldOut}. */
  public record Parts(Dataset kept, Dataset heldOut) {}

  public static Parts stratified(Dataset data, double fraction, long seed, String heldOutName) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("split fraction must be in (0, 1), got " + fraction);
    }
    int classes = data.classes();
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < data.count(); i++) {
      byClass.get(data.label(i)).add(i);
    }
    boolean[] held = new boolean[data.count()];
    for (int c = 0; c < classes; c++) {
      List<Integer> members = new ArrayList<>(byClass.get(c));
      int n = members.size();
      int take = (int) Math.round(fraction * n);
      if (n >= 2) {
        take = Math.max(1, Math.min(n - 1, take));
      } else {
        take = 0;
      }
      java.util.Collections.shuffle(members, new Random(seed * 1_000_003L + c));
      for (int k = 0; k < take; k++) {
        held[members.get(k)] = true;
      }
    }
    int heldCount = 0;
    for (boolean h : held) {
      heldCount += h ? 1 : 0;
    }
    int[] kept = new int[data.count() - heldCount];
    int[] out = new int[heldCount];
    int k = 0;
    int o = 0;
    for (int i = 0; i < data.count(); i++) {
      if (held[i]) {
        out[o++] = i;
      } else {
        kept[k++] = i;
      }
    }
    return new Parts(data.subset(kept).named(data.name()), data.subset(out).named(heldOutName));
  }
}
