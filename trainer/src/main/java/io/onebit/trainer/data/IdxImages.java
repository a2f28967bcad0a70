package io.onebit.trainer.data;

/**
 * The content of an IDX image file: {@code count} images of {@code rows x cols} unsigned bytes,
 * sample-major and row-major, exactly as the file stores them.
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {}
