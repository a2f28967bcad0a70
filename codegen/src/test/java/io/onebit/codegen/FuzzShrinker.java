package io.onebit.codegen;

import io.onebit.model.DeployModel;
import io.onebit.model.DeployModelIo;
import io.onebit.model.InputSpec;
import io.onebit.model.ModelFormatException;
import io.onebit.model.RandomArchitectures.Blueprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shrinks a failing fuzz case to a small one that still fails, greedily: drop a layer, lower one
 * number of the layer list (filters, kernel, stride, units, classes: to 1, half, one less), switch
 * padding, shrink the input (sides, channels), simplify the sample (all 0, all 255, half of it 0).
 * Each candidate is rebuilt from the blueprint with the same weight seed; a candidate that is not
 * a valid model, or that passes, is dropped. The result is kept as a regression file.
 */
final class FuzzShrinker {
  /** Where shrunk cases are kept, relative to the repository root. */
  static final String REGRESSIONS = "codegen/src/test/resources/fuzz-regressions";
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final int MAX_STEPS = 400;

  /** Whether a case fails. */
  interface Failure {
    boolean fails(DeployModel model, byte[] sample);
  }

  /** A failing case: the blueprint and the sample. */
  record Case(Blueprint blueprint, byte[] sample) {
    /** Layers, then the sum of every number of the layer list and the input, then the sample's non-zero bytes. */
    long size() {
      long numbers = 0;
      Matcher m = NUMBER.matcher(blueprint.spec());
      while (m.find()) {
        numbers += Long.parseLong(m.group());
      }
      InputSpec in = blueprint.input();
      long nonZero = 0;
      for (byte b : sample) {
        nonZero += b == 0 ? 0 : 1;
      }
      return blueprint.layers().size() * 1_000_000_000L + (numbers + in.height() + in.width() + in.channels()) * 10_000
          + nonZero;
    }
  }

  private FuzzShrinker() {}

  /** The smallest failing case the greedy steps reach from {@code start} (which must fail). */
  static Case shrink(Case start, Failure failure) {
    Case best = start;
    for (int step = 0; step < MAX_STEPS; step++) {
      Case next = null;
      for (Case candidate : candidates(best)) {
        if (candidate.size() < best.size() && fails(candidate, failure)) {
          next = candidate;
          break;
        }
      }
      if (next == null) {
        return best;
      }
      best = next;
    }
    return best;
  }

  private static boolean fails(Case c, Failure failure) {
    DeployModel model;
    try {
      model = c.blueprint().build("shrunk");
    } catch (ModelFormatException | IllegalArgumentException e) {
      return false; // not a valid model: not a smaller version of the failure
    }
    return failure.fails(model, c.sample());
  }

  /** Every one-step simplification, smallest first within each kind. */
  static List<Case> candidates(Case c) {
    List<Case> out = new ArrayList<>();
    List<String> layers = c.blueprint().layers();
    for (int i = 0; i < layers.size() - 1; i++) { // the output layer stays
      List<String> fewer = new ArrayList<>(layers);
      fewer.remove(i);
      out.add(new Case(c.blueprint().withSpec(fewer), c.sample()));
    }
    for (int i = 0; i < layers.size(); i++) {
      String token = layers.get(i);
      Matcher m = NUMBER.matcher(token);
      while (m.find()) {
        long v = Long.parseLong(m.group());
        for (long smaller : new long[] {1, v / 2, v - 1}) {
          if (smaller >= 1 && smaller < v) {
            List<String> changed = new ArrayList<>(layers);
            changed.set(i, token.substring(0, m.start()) + smaller + token.substring(m.end()));
            out.add(new Case(c.blueprint().withSpec(changed), c.sample()));
          }
        }
      }
      for (String[] swap : new String[][] {{"same", "valid"}, {"valid", "same"}}) {
        if (token.endsWith(swap[0])) {
          List<String> changed = new ArrayList<>(layers);
          changed.set(i, token.substring(0, token.length() - swap[0].length()) + swap[1]);
          out.add(new Case(c.blueprint().withSpec(changed), c.sample()));
        }
      }
    }
    InputSpec in = c.blueprint().input();
    int[] dims = {in.height(), in.width(), in.channels()};
    for (int d = 0; d < 3; d++) {
      for (int smaller : new int[] {1, dims[d] / 2, dims[d] - 1}) {
        if (smaller >= 1 && smaller < dims[d]) {
          int[] changed = dims.clone();
          changed[d] = smaller;
          InputSpec input = in.isBitplanes() ? InputSpec.bitplanes(changed[0], changed[1], changed[2])
              : InputSpec.thresholded(changed[0], changed[1], changed[2], in.threshold());
          Blueprint b = new Blueprint(input, c.blueprint().spec(), c.blueprint().weightSeed());
          out.add(new Case(b, Arrays.copyOf(c.sample(), input.size())));
        }
      }
    }
    byte[] zeros = new byte[c.sample().length];
    out.add(new Case(c.blueprint(), zeros));
    byte[] ones = new byte[c.sample().length];
    Arrays.fill(ones, (byte) 255);
    out.add(new Case(c.blueprint(), ones));
    for (int half = 0; half < 2; half++) {
      byte[] part = c.sample().clone();
      int from = half == 0 ? 0 : part.length / 2;
      Arrays.fill(part, from, half == 0 ? part.length / 2 : part.length, (byte) 0);
      out.add(new Case(c.blueprint(), part));
    }
    return out;
  }

  /**
   * Shrinks a case that fails on the host with {@code kernels} (built as the failing batch was: with or without
   * the sanitizers) and writes the smallest as a regression
   * file (the deploy model, with the blueprint and the failing sample in its info).
   *
   * @return the regression file
   */
  static Path shrinkAndKeep(Blueprint blueprint, byte[] sample, Kernels kernels, boolean sanitize, Path work)
      throws IOException {
    int[] run = {0};
    Failure onHost = (model, s) -> {
      try {
        DeployModel named = DeployModel.of("shrunk", model.input(), model.layers(), model.info());
        List<ResultLine> r = MultiModelHost.run(List.of(new MultiModelHost.Case(named, new byte[][] {s})),
            work.resolve("s" + run[0]++), kernels, sanitize).get(0);
        return RandomNetworkFuzzTest.firstMismatch(named, new byte[][] {s}, r) >= 0;
      } catch (CodegenException e) {
        return true; // a build failure or a sanitizer report is a failure too
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    };
    Case smallest = shrink(new Case(blueprint, sample), onHost);
    return keep(smallest, kernels);
  }

  /** Writes the case below {@link #REGRESSIONS} in the source tree. */
  static Path keep(Case c, Kernels kernels) throws IOException {
    DeployModel built = c.blueprint().build("regression");
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("source", "fuzz");
    info.put("blueprint", c.blueprint().toString());
    info.put("kernels", kernels.makeValue());
    info.put("failing_samples", List.of(HexFormat.of().formatHex(c.sample())));
    String name = "case_" + Integer.toHexString((c.blueprint().toString() + HexFormat.of().formatHex(c.sample())).hashCode());
    DeployModel model = DeployModel.of(name, built.input(), built.layers(), info);
    Path root = Path.of(System.getProperty("onebit.root", "..")).resolve(REGRESSIONS);
    Files.createDirectories(root);
    Path file = root.resolve(name + ".json");
    DeployModelIo.write(file, model);
    return file;
  }
}
