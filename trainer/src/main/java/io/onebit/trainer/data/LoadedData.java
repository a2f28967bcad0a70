package io.onebit.trainer.data;

import io.onebit.model.InputMap;

/**
 * A dataset ready for training: splits with one input map fitted on the training split.
 *
 * @param source the catalogue name or the path, as given
 * @param train the training split
 * @param validation the validation split (held out of train), or null
 * @param test the test split (the data's own, or held out)
 * @param map the fitted map to 8 bits shared by the splits, or null (uint8 read as it is)
 * @param heldOutTest whether the test split was held out of the data by --test-split
 */
public record LoadedData(String source, Dataset train, Dataset validation, Dataset test, InputMap map,
    boolean heldOutTest) {}
