package io.onebit.cli;

/**
 * The float network's test-set predictions, kept in the deploy model's info so that
 * {@code eval} can report how often the folded integer network agrees with it. One character
 * per sample: the class as a base-36 digit.
 */
final class FloatPredictions {
  static final String KEY = "float_test_predictions";

  private FloatPredictions() {}

  static String encode(int[] predictions) {
    StringBuilder sb = new StringBuilder(predictions.length);
    for (int p : predictions) {
      sb.append(Character.forDigit(p, 36));
    }
    return sb.toString();
  }

  static int[] decode(String text) {
    int[] predictions = new int[text.length()];
    for (int i = 0; i < predictions.length; i++) {
      predictions[i] = Character.digit(text.charAt(i), 36);
    }
    return predictions;
  }
}
