package io.onebit.codegen;

/**
 * The file names generated sources use for each other: {@code model.c} includes {@code
 * modelHeader}. A firmware project keeps {@code model.h}; an export names the header after the
 * model ({@code <prefix>_model.h}), so two exported models can sit in one include path.
 */
public record SourceNames(String modelHeader) {
  /** The names of a generated firmware project. */
  public static final SourceNames PROJECT = new SourceNames("model.h");
}
