package io.onebit.trainer.profile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a training run's wall-clock time goes: per phase of a step (data gathering, forward,
 * loss, backward, optimizer, weight refresh, flip counting, per-epoch evaluation) and per layer for
 * the forward and backward. Disabled (the default), every call is one branch and no clock read;
 * enabled ({@code bench-train}), each measured region costs two {@link System#nanoTime} calls.
 */
public final class TrainingProfile {
  /** The parts of a run. */
  public enum Phase {
    /** Gathering, shifting and encoding the batch; the teacher's logits. */
    DATA,
    /** The network's forward (also per layer). */
    FORWARD,
    /** The loss and its gradient on the scores. */
    LOSS,
    /** The backward (also per layer). */
    BACKWARD,
    /** The optimizer's update. */
    OPTIMIZER,
    /** sign(W) and its caches after the update. */
    WEIGHTS,
    /** Flip-flop counting. */
    FLIPS,
    /** Per-epoch BatchNorm statistics and test accuracy. */
    EVALUATION,
    /** A method's own work outside the above (sampling, rewards, ...). */
    METHOD
  }

  private static final TrainingProfile OFF = new TrainingProfile(false);
  private final boolean enabled;
  private final EnumMap<Phase, Long> phases = new EnumMap<>(Phase.class);
  private final List<String> layerNames = new ArrayList<>();
  private long[] forward = new long[0];
  private long[] backward = new long[0];

  private TrainingProfile(boolean enabled) {
    this.enabled = enabled;
  }

  /** A profile that records nothing. */
  public static TrainingProfile off() {
    return OFF;
  }

  /** A profile that records. */
  public static TrainingProfile on() {
    return new TrainingProfile(true);
  }

  public boolean enabled() {
    return enabled;
  }

  /** A start time for {@link #add}; 0 when disabled. */
  public long start() {
    return enabled ? System.nanoTime() : 0;
  }

  /** Adds the time since {@code start} to a phase. */
  public void add(Phase phase, long start) {
    if (enabled) {
      phases.merge(phase, System.nanoTime() - start, Long::sum);
    }
  }

  /** Names the layers whose forward and backward are timed. */
  public void layers(List<String> names) {
    layerNames.clear();
    layerNames.addAll(names);
    forward = new long[names.size()];
    backward = new long[names.size()];
  }

  public void addForward(int layer, long start) {
    if (enabled && layer < forward.length) {
      forward[layer] += System.nanoTime() - start;
    }
  }

  public void addBackward(int layer, long start) {
    if (enabled && layer < backward.length) {
      backward[layer] += System.nanoTime() - start;
    }
  }

  /** Seconds per phase, in phase order. */
  public Map<Phase, Double> seconds() {
    Map<Phase, Double> out = new LinkedHashMap<>();
    for (Phase p : Phase.values()) {
      out.put(p, phases.getOrDefault(p, 0L) / 1e9);
    }
    return out;
  }

  /** Per layer: name → {forward seconds, backward seconds}. */
  public Map<String, double[]> layerSeconds() {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int i = 0; i < layerNames.size(); i++) {
      out.put(i + " " + layerNames.get(i), new double[] {forward[i] / 1e9, backward[i] / 1e9});
    }
    return out;
  }
}
