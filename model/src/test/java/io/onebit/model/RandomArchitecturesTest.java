package io.onebit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fuzz generator covers the ranges it promises, and every blueprint builds a valid model. */
class RandomArchitecturesTest {
  private static final Pattern CONV = Pattern.compile("conv(\\d+)k(\\d+)x(\\d+)s(\\d+)(same|valid)");

  @Test
  void blueprintsCoverKernelsStridesPaddingsChannelsDepthsAndInputs() {
    Random random = new Random(11);
    Set<Integer> kernels = new TreeSet<>();
    Set<Integer> strides = new TreeSet<>();
    Set<String> paddings = new TreeSet<>();
    Set<Integer> channels = new TreeSet<>();
    Set<Integer> depths = new TreeSet<>();
    Set<Integer> thresholds = new TreeSet<>();
    Set<String> kinds = new TreeSet<>();
    int rectangular = 0;
    int bitplanes = 0;
    long largestConvFanIn = 0;
    long largestDenseFanIn = 0;
    for (int i = 0; i < 1500; i++) {
      RandomArchitectures.Blueprint b = RandomArchitectures.random(random);
      DeployModel model = b.build("m" + i); // validates
      depths.add((int) b.layers().stream().filter(t -> !t.equals("flatten")).count() - 1);
      if (model.input().isBitplanes()) {
        bitplanes++;
      } else {
        thresholds.add(model.input().threshold());
      }
      for (Layer layer : model.layers()) {
        kinds.add(layer.getClass().getSimpleName());
        if (layer instanceof ConvWindowLayer c) {
          largestConvFanIn = Math.max(largestConvFanIn, c.fanIn());
          channels.add(c.outChannels());
        }
        if (layer instanceof DenseLayer d) {
          largestDenseFanIn = Math.max(largestDenseFanIn, d.inputs());
        }
        if (layer instanceof MaxPoolLayer p && p.poolHeight() != p.poolWidth()) {
          rectangular++;
        }
      }
      for (String token : b.layers()) {
        Matcher m = CONV.matcher(token);
        if (m.matches()) {
          kernels.add(Integer.parseInt(m.group(2)));
          kernels.add(Integer.parseInt(m.group(3)));
          rectangular += m.group(2).equals(m.group(3)) ? 0 : 1;
          strides.add(Integer.parseInt(m.group(4)));
          paddings.add(m.group(5));
        }
      }
    }
    assertEquals(15, kernels.size(), kernels.toString());
    assertEquals(Set.of(1, 2, 3, 4), strides);
    assertEquals(Set.of("same", "valid"), paddings);
    assertTrue(channels.containsAll(Set.of(1, 31, 32, 33, 63, 64, 65, 96, 97)), channels.toString());
    assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8), depths);
    assertTrue(thresholds.containsAll(Set.of(0, 1, 255, 256)), thresholds.toString());
    assertEquals(6, kinds.size(), kinds.toString());
    assertTrue(rectangular > 100, rectangular + " rectangular windows");
    assertTrue(bitplanes > 300 && bitplanes < 700, bitplanes + " of 1500 with 8-bit input");
    assertTrue(largestConvFanIn > 25_000 && largestConvFanIn <= RandomArchitectures.MAX_FAN_IN,
        "largest conv fan-in " + largestConvFanIn);
    assertTrue(largestDenseFanIn > 10_000 && largestDenseFanIn <= RandomArchitectures.MAX_FAN_IN,
        "largest dense fan-in " + largestDenseFanIn);
  }
}
