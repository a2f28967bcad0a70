package io.onebit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The words in which a checkpoint's run differs from this one: only what differs, a value with its
 * option, other architectures by name without their layer lists (CheckpointTest: the refusal).
 */
class RunFingerprintTest {
  @Test
  void onlyWhatDiffersIsNamed() {
    assertEquals("it was written with 'tfc' where this run has 'sfc'", RunFingerprint.difference(
        "tfc [Dense[units=64], Dense[units=64]] --epochs 5 on mnist/train (60000 samples)",
        "sfc [Dense[units=256], Dense[units=256]] --epochs 5 on mnist/train (60000 samples)"));
    assertEquals("it was written with 'tfc --epochs 5' where this run has 'sfc --epochs 6'", RunFingerprint.difference(
        "tfc [Dense[units=64]] --epochs 5 on d", "sfc [Dense[units=256]] --epochs 6 on d"));
    assertEquals("it was written with '[Dense[units=64]]' where this run has '[Dense[units=65]]'",
        RunFingerprint.difference("net [Dense[units=64]] on d", "net [Dense[units=65]] on d"));
    assertEquals("it was written with '--epochs 5', which this run leaves out",
        RunFingerprint.difference("tfc --epochs 5 on mnist", "tfc on mnist"));
    assertEquals("it was written with '--method bernoulli' where this run has '--method rl'",
        RunFingerprint.difference("tfc --method bernoulli on d", "tfc --method rl on d"));
  }
}
