package io.onebit.trainer.train;

import io.onebit.trainer.data.Dataset;
import io.onebit.trainer.distill.Distiller;
import io.onebit.trainer.hyper.Hyperparameter;
import io.onebit.trainer.method.Batch;
import io.onebit.trainer.method.BatchStep;
import io.onebit.trainer.method.MethodContext;
import io.onebit.trainer.method.Stage;
import io.onebit.trainer.method.TrainingMethod;
import io.onebit.trainer.net.Activations;
import io.onebit.trainer.net.BatchNorm;
import io.onebit.trainer.net.Conv2d;
import io.onebit.trainer.net.EncodedInputs;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.net.NetworkBuilder;
import io.onebit.trainer.optim.Param;
import io.onebit.trainer.profile.TrainingProfile;
import io.onebit.trainer.state.Stateful;
import io.onebit.trainer.state.TrainingState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains any architecture with any method: builds the {@link Network}, runs the method's stages
 * through the {@link EpochLoop} (shift augmentation, distillation, flip metrics, per-epoch test
 * accuracy) and leaves the network fold deploys: sign(W) after the method's
 * {@link TrainingMethod#finish}, deterministic signs, BatchNorm statistics recomputed exactly over
 * the whole training set for the final weights.
 *
 * <p>Deterministic for a seed: initialisation, shuffling, augmentation and every draw of a method
 * come from one seeded generator, and every parallel kernel sums in a fixed order.
 */
public final class Trainer {
  public static final Hyperparameter<Integer> EPOCHS = Hyperparameter.integer("epochs", 20,
      Hyperparameter.intRange(1, 100_000), "epochs (passes over the training set)");
  public static final Hyperparameter<Integer> BATCH_SIZE = Hyperparameter.integer("batch-size", 100,
      Hyperparameter.intRange(2, 1 << 20), "samples per step (BatchNorm needs at least 2)");
  public static final Hyperparameter<Long> SEED = Hyperparameter.longValue("seed", 1,
      "random seed: the same seed gives the same model");
  public static final Hyperparameter<Integer> STATISTICS_SAMPLES = Hyperparameter.integer("statistics-samples",
      10_000, Hyperparameter.intRange(1, Integer.MAX_VALUE),
      "training samples for the per-epoch BatchNorm statistics behind the test accuracy (the final model uses all)");
  public static final Hyperparameter<Integer> EARLY_STOP = Hyperparameter.integer("early-stop", 0,
      Hyperparameter.intRange(0, 100_000), "with a validation split: stop after this many epochs without a better"
          + " validation accuracy (0: train every epoch; the best epoch is kept either way)");
  public static final Hyperparameter<java.time.Duration> TIME_BUDGET = Hyperparameter.duration("time-budget",
      "stop training after this much wall-clock time (e.g. 30m), finishing the batch under way");

  private Trainer() {}

  /** Samples per inference batch: the im2col buffers of a convolution grow with it. */
  private static int evalBatch(Network network) {
    return network.layers().stream().anyMatch(l -> l instanceof Conv2d) ? 100 : 500;
  }

  public static TrainingResult train(TrainConfig config, Dataset trainSet, Dataset testSet,
      TrainingListener listener) {
    return train(config, trainSet, testSet, Options.defaults().withListener(listener));
  }

  /**
   * How a run is watched: progress, checkpoints, profiling, and whether the data it evaluates
   * each epoch is a validation split, which then picks the epoch (the best validation accuracy,
   * restored at the end) and stops early after {@link #EARLY_STOP} epochs without improvement.
   */
  public record Options(TrainingListener listener, Checkpoints checkpoints, TrainingProfile profile,
      boolean validation) {
    public static Options defaults() {
      return new Options(TrainingListener.NONE, Checkpoints.none(), TrainingProfile.off(), false);
    }

    public Options withListener(TrainingListener l) {
      return new Options(l, checkpoints, profile, validation);
    }

    public Options withCheckpoints(Checkpoints c) {
      return new Options(listener, c, profile, validation);
    }

    public Options withValidation(boolean v) {
      return new Options(listener, checkpoints, profile, v);
    }

    public Options withProfile(TrainingProfile p) {
      return new Options(listener, checkpoints, p, validation);
    }
  }

  /**
   * Trains on {@code trainSet} and evaluates on {@code monitorSet} after every epoch: the test
   * split, or a validation split ({@link Options#validation()}) that picks the epoch.
   */
  public static TrainingResult train(TrainConfig config, Dataset trainSet, Dataset monitorSet, Options options) {
    if (!options.validation() && config.settings().isSet(EARLY_STOP)) {
      throw new IllegalArgumentException(EARLY_STOP.option() + " needs a validation split");
    }
    TrainingListener listener = options.listener();
    Checkpoints checkpoints = options.checkpoints();
    TrainingProfile profile = options.profile();
    Dataset testSet = monitorSet;
    Random random = new Random(config.seed());
    TrainingMethod method = config.method();
    EncodedInputs train = new EncodedInputs(trainSet, config.inputEncoding());
    EncodedInputs test = new EncodedInputs(testSet, config.inputEncoding());
    EncodedInputs statistics = train.head(config.statisticsSamples());
    Network network = NetworkBuilder.build(config.architecture(), train.shape(), trainSet.classes(),
        config.inputEncoding(), method.activationQuantizer(), config.shiftBatchNorm(), random);
    network.setProfile(profile);
    int evalBatch = evalBatch(network);
    String fingerprint = RunFingerprint.of(config, trainSet);
    TrainingState resume = checkpoints.resumeFrom();
    if (resume != null) {
      String saved = new String(resume.bytes("run"), StandardCharsets.UTF_8);
      if (!saved.equals(fingerprint)) {
        throw new IllegalArgumentException("checkpoint " + checkpoints.file() + " belongs to another run: "
            + RunFingerprint.difference(saved, fingerprint) + "; resume with the run's own options, or delete the checkpoint to"
            + " start anew");
      }
      restoreNetwork(network, resume);
      random = EpochLoop.savedRandom(resume);
    }
    Random generator = random;
    int batchSize = config.batchSize();
    Distiller distiller = Distiller.of(config.distillation(), trainSet, config.augmentShift(), batchSize);
    MethodContext context = new MethodContext(network, config.settings(), config.optimizer(), distiller.loss(),
        generator, train, profile, test);
    List<Stage> stages = method.stages(config.epochs());
    Activations input = train.newBatch();
    Batch batch = new Batch(input, train.labels(), batchSize);
    long[] shifts = distiller.shifts();
    FlipTracker flips = new FlipTracker(network.weightLayers(), profile);
    BestEpoch best = options.validation() ? new BestEpoch(network, config.get(EARLY_STOP)) : null;
    if (best != null && resume != null) {
      best.restoreState(resume);
    }
    EpochLoop.Outcome outcome = EpochLoop.run(config, stages, train.count(), generator, flips, listener,
        new EpochLoop.Run() {
          private BatchStep step;

          @Override
          public EpochLoop.BatchUpdate enterStage(Stage stage) {
            step = stage.begin(context);
            return (order, from, size, correct, lr) -> {
              long t = profile.start();
              if (config.augmentShift() > 0) {
                train.gatherShifted(order, from, size, input, config.augmentShift(), config.augmentProbability(),
                    generator, shifts);
              } else {
                train.gather(order, from, size, input);
              }
              distiller.prepare(order, from, size);
              System.arraycopy(order, from, batch.labelIndex(), 0, size);
              profile.add(TrainingProfile.Phase.DATA, t);
              batch.correct()[0] = 0;
              double loss = step.step(batch, lr);
              correct[0] += batch.correct()[0];
              return loss;
            };
          }

          @Override
          public double testAccuracy() {
            long t = profile.start();
            network.recomputeStatistics(statistics, evalBatch);
            double accuracy = EpochLoop.accuracy(network.predict(test, evalBatch), testSet.labels());
            profile.add(TrainingProfile.Phase.EVALUATION, t);
            return accuracy;
          }

          @Override
          public Map<String, Double> epochMetrics() {
            return method.epochMetrics(context);
          }

          @Override
          public boolean afterEpoch(EpochMetrics metrics) {
            return best != null && best.afterEpoch(metrics.testAccuracy(), network);
          }

          @Override
          public void saveState(TrainingState state) {
            state.putBytes("run", fingerprint.getBytes(StandardCharsets.UTF_8));
            saveNetwork(network, state);
            if (best != null) {
              best.saveState(state);
            }
            if (step instanceof Stateful s) {
              s.saveState(state, "step.");
            }
            if (method instanceof Stateful s) {
              s.saveState(state, "method.");
            }
          }

          @Override
          public void restoreStepState(TrainingState state) {
            if (step instanceof Stateful s) {
              s.restoreState(state, "step.");
            }
            if (method instanceof Stateful s) {
              s.restoreState(state, "method.");
            }
          }
        }, checkpoints);
    if (best != null) {
      best.restoreBest(network);
    }
    method.finish(context);
    network.setBinaryWeights(true);
    network.recomputeStatistics(train, evalBatch);
    int[] predictions = network.predict(test, evalBatch);
    checkpoints.completed();
    return new TrainingResult(network, config, outcome.history(), EpochLoop.accuracy(predictions, testSet.labels()),
        predictions, outcome.secondsPerEpoch());
  }


  private static void saveNetwork(Network network, TrainingState state) {
    for (Param p : network.params()) {
      state.putFloats("param." + p.name(), p.value());
    }
    List<BatchNorm> norms = network.batchNorms();
    for (int i = 0; i < norms.size(); i++) {
      state.putFloats("bn." + i + ".mean", norms.get(i).populationMean());
      state.putFloats("bn." + i + ".var", norms.get(i).populationVar());
    }
  }

  private static void restoreNetwork(Network network, TrainingState state) {
    for (Param p : network.params()) {
      state.floatsInto("param." + p.name(), p.value());
    }
    List<BatchNorm> norms = network.batchNorms();
    for (int i = 0; i < norms.size(); i++) {
      state.floatsInto("bn." + i + ".mean", norms.get(i).populationMean());
      state.floatsInto("bn." + i + ".var", norms.get(i).populationVar());
    }
    network.refreshWeights();
  }
}
