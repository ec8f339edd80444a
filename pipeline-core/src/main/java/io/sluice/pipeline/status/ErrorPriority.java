package io.sluice.pipeline.status;

/**
 * Which error status wins when a pipeline holds both a permanent and a recoverable error and
 * nothing of higher priority (fatal error, starting, stopping).
 */
public enum ErrorPriority {
  /** A permanent error wins; the default. */
  PERMANENT,
  /** A recoverable error wins; healthcheckv2 picks this when only recoverable errors count. */
  RECOVERABLE
}
