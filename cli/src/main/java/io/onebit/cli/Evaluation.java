package io.onebit.cli;

import io.onebit.model.DeployModel;
import io.onebit.model.GoldenModel;
import io.onebit.trainer.data.Dataset;
import java.util.stream.IntStream;

/**
 * The golden model's accuracy on a dataset, its confusion matrix, and its agreement with the float
 * network the model was folded from (when the model carries the float predictions for that
 * dataset's test split).
 *
 * @param agreement fraction of samples where golden and float predictions match, or null
 * @param confusion confusion[true][predicted] sample counts, model.classes() square
 */
record Evaluation(int samples, int correct, double accuracy, Double agreement, int[][] confusion) {
  static Evaluation of(DeployModel model, String datasetName, Dataset test) {
    GoldenModel golden = new GoldenModel(model);
    int[] predictions = new int[test.count()];
    // The golden model is stateless per call, so samples run on all cores (a CNN takes milliseconds each).
    IntStream.range(0, test.count()).parallel()
        .forEach(i -> predictions[i] = golden.infer(test.sample(i)).predictedClass());
    int correct = 0;
    int[][] confusion = new int[model.classes()][model.classes()];
    for (int i = 0; i < test.count(); i++) {
      confusion[test.label(i)][predictions[i]]++;
      if (predictions[i] == test.label(i)) {
        correct++;
      }
    }
    return new Evaluation(test.count(), correct, correct / (double) Math.max(1, test.count()),
        agreement(model, datasetName, predictions), confusion);
  }

  private static Double agreement(DeployModel model, String datasetName, int[] predictions) {
    if (model.info() == null || !datasetName.equals(model.info().get("dataset"))
        || !(model.info().get(FloatPredictions.KEY) instanceof String encoded) || encoded.length() != predictions.length) {
      return null;
    }
    int[] floats = FloatPredictions.decode(encoded);
    int same = 0;
    for (int i = 0; i < predictions.length; i++) {
      if (floats[i] == predictions[i]) {
        same++;
      }
    }
    return same / (double) predictions.length;
  }
}
