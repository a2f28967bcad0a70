package io.onebit.trainer.state;


/**
 * Something whose state between steps (optimizer moments, a step counter, a method's baseline)
 * must survive a checkpoint for a resumed run to continue bit for bit. Entries are named under
 * {@code prefix} and, per parameter, by the parameter's name.
 */
public interface Stateful {
  void saveState(TrainingState state, String prefix);

  void restoreState(TrainingState state, String prefix);
}
