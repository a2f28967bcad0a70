package io.onebit.trainer.method;

import io.onebit.trainer.hyper.Settings;
import io.onebit.trainer.net.EncodedInputs;
import io.onebit.trainer.net.Network;
import io.onebit.trainer.loss.ClassLoss;
import io.onebit.trainer.optim.OptimizerKind;
import io.onebit.trainer.profile.TrainingProfile;
import java.util.Random;

/**
 * What a method's stages work with.
 *
 * @param network the training model (shapes, layers, W behind every binary weight, BatchNorms)
 * @param settings every hyperparameter of the run (a method reads its own)
 * @param optimizer the chosen optimizer kind; a stage creates fresh optimizers from it
 * @param loss the loss on the class scores (cross-entropy, or the distillation loss)
 * @param random the run's one generator (draw in a fixed order: a seed fixes the run)
 * @param train the training inputs, for methods that evaluate beyond the batch
 * @param profile where a step reports its time ({@code bench-train}); records nothing unless enabled
 */
public record MethodContext(Network network, Settings settings, OptimizerKind optimizer, ClassLoss loss, Random random,
    EncodedInputs train, TrainingProfile profile) {}
