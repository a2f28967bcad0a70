package io.onebit.cli;

import io.onebit.model.DeployModelIo;
import io.onebit.trainer.arch.Architecture;
import io.onebit.trainer.distill.Distillation;
import io.onebit.trainer.train.LearningRateSchedule;
import io.onebit.trainer.train.Recipe;
import io.onebit.trainer.train.TrainConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Training options shared by {@code train} and {@code quickstart} (a picocli mixin). */
final class TrainOptions {
  @Option(names = "--arch", defaultValue = "sfc", description = "network: tfc (64x3), sfc (256x3), lfc (1024x3), cnn-s, fashion-cnn, seed-cnn, cnn-ref (archs/*.json); default ${DEFAULT-VALUE}")
  String arch;

  @Option(names = "--arch-file", paramLabel = "FILE", description = "an architecture file (JSON, see archs/); overrides --arch")
  Path archFile;

  @Option(names = "--epochs", defaultValue = "20", description = "epochs; default ${DEFAULT-VALUE}")
  int epochs;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (same seed, same model); default ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--batch-size", defaultValue = "100", description = "default ${DEFAULT-VALUE}")
  int batchSize;

  @Option(names = "--lr", defaultValue = "1e-2", description = "learning rate of the first epoch; default ${DEFAULT-VALUE}")
  float lr;

  @Option(names = "--lr-end", defaultValue = "1e-5", description = "learning rate of the last epoch (exponential decay); default ${DEFAULT-VALUE}")
  float lrEnd;

  @Option(names = "--lr-schedule", defaultValue = "exponential", description = "exponential, constant, step, cosine or linear (from --lr to --lr-end, anew in each stage); default ${DEFAULT-VALUE}")
  String lrSchedule;

  @Option(names = "--method", defaultValue = "ste", description = "ste (BinaryNet) or two-stage (AdamBNN: real weights first, then binary); default ${DEFAULT-VALUE}")
  String method;

  @Option(names = "--stage1-epochs", defaultValue = "0", description = "two-stage: epochs of the first stage (0: half); default ${DEFAULT-VALUE}")
  int stage1Epochs;

  @Option(names = "--optimizer", defaultValue = "adam", description = "adam, sgd, adamax, shift-adamax or bop; default ${DEFAULT-VALUE}")
  String optimizer;

  @Option(names = "--quantizer", defaultValue = "ste-sign", description = "activation quantizer: ste-sign, approx-sign, swish-sign or stochastic; default ${DEFAULT-VALUE}")
  String quantizer;

  @Option(names = "--weight-quantizer", defaultValue = "sign", description = "sign or stochastic (BinaryNet's random binarization while training); default ${DEFAULT-VALUE}")
  String weightQuantizer;

  @Option(names = "--weight-decay", description = "L2 decay of the latent weights (default: ste 0; two-stage 5e-6 in stage 1, 0 in stage 2)")
  Float weightDecay;

  @Option(names = "--momentum", defaultValue = "0.9", description = "sgd momentum; default ${DEFAULT-VALUE}")
  float momentum;

  @Option(names = "--bop-threshold", defaultValue = "1e-7", description = "bop: flip threshold tau; default ${DEFAULT-VALUE}")
  float bopThreshold;

  @Option(names = "--bop-gamma", defaultValue = "1e-3", description = "bop: adaptivity rate gamma; default ${DEFAULT-VALUE}")
  float bopGamma;

  @Option(names = "--ste-clip", defaultValue = "1", description = "ste-sign: gradient cancelled where |x| > clip; default ${DEFAULT-VALUE}")
  float steClip;

  @Option(names = "--swish-beta", defaultValue = "5", description = "swish-sign: beta; default ${DEFAULT-VALUE}")
  float swishBeta;

  @Option(names = "--shift-batchnorm", description = "BinaryNet's shift-based BatchNorm (power-of-two scale)")
  boolean shiftBatchNorm;

  @Option(names = "--augment-shift", defaultValue = "1", description = "random shift of training images, in pixels (0: off); default ${DEFAULT-VALUE}")
  int augmentShift;

  @Option(names = "--augment-probability", defaultValue = "0.5", description = "chance that a training image is shifted (the rest are used as is); default ${DEFAULT-VALUE}")
  float augmentProbability;

  @Option(names = "--input-threshold", defaultValue = "64", description = "pixels >= this are +1; default ${DEFAULT-VALUE}")
  int inputThreshold;

  @Option(names = "--teacher", paramLabel = "MODEL", description = "distil from this deploy model (e.g. a trained lfc or CNN): the student learns its softened class probabilities as well as the labels")
  Path teacher;

  @Option(names = "--distill-weight", defaultValue = "" + Distillation.DEFAULT_WEIGHT, description = "share alpha of the teacher's term in the loss (0..1); default ${DEFAULT-VALUE}")
  float distillWeight;

  @Option(names = "--distill-temperature", defaultValue = "" + Distillation.DEFAULT_TEMPERATURE, description = "temperature T softening both distributions; default ${DEFAULT-VALUE}")
  float distillTemperature;

  TrainConfig config() {
    if (!(lr > 0) || !(lrEnd > 0)) {
      throw new IllegalArgumentException("learning rates must be positive");
    }
    if (augmentShift < 0) {
      throw new IllegalArgumentException("--augment-shift must be >= 0");
    }
    Recipe recipe = new Recipe(method, optimizer, quantizer, weightQuantizer, weightDecay, momentum, bopThreshold,
        bopGamma, steClip, swishBeta, shiftBatchNorm, stage1Epochs);
    Architecture architecture;
    try {
      architecture = archFile != null ? Architecture.fromFile(archFile) : Architecture.named(arch);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replace("; or an architecture file)", "; or --arch-file FILE)"),
          e);
    }
    Distillation distillation = teacher == null ? null
        : new Distillation(DeployModelIo.read(teacher), distillWeight, distillTemperature);
    return new TrainConfig(architecture, epochs, batchSize, LearningRateSchedule.named(lrSchedule, lr, lrEnd),
        seed, inputThreshold, augmentShift, 10000, recipe, augmentProbability, distillation);
  }
}
