package io.sluice.collector.exporter;

import io.sluice.pipeline.telemetry.MetricsLevel;

/**
 * The {@code debug} exporter's config, with the collector's keys and defaults.
 *
 * @param verbosity {@code verbosity}: {@code basic} (one line per batch with its counts, the
 *     default), {@code normal} (one line per span more) or {@code detailed} (every field);
 *     {@code none} is refused
 * @param samplingInitial {@code sampling_initial}: how many lines of one kind are written in
 *     each second before sampling starts; default 2
 * @param samplingThereafter {@code sampling_thereafter}: after that, one line in this many is
 *     written; default 1 (every line); 0 writes none
 * @param useInternalLogger {@code use_internal_logger}: true (the default) writes through the
 *     service's logger; false writes bare lines (no time, no level) to standard output; both
 *     are sampled
 */
public record DebugConfig(
    MetricsLevel verbosity,
    int samplingInitial,
    int samplingThereafter,
    boolean useInternalLogger) {
  /** The default {@code verbosity}. */
  public static final MetricsLevel DEFAULT_VERBOSITY = MetricsLevel.BASIC;

  /** The default {@code sampling_initial}. */
  public static final int DEFAULT_SAMPLING_INITIAL = 2;

  /** The default {@code sampling_thereafter}. */
  public static final int DEFAULT_SAMPLING_THEREAFTER = 1;

  /** The default {@code use_internal_logger}. */
  public static final boolean DEFAULT_USE_INTERNAL_LOGGER = true;

  /** Returns the config of an entry written with no keys. */
  public static DebugConfig defaults() {
    return new DebugConfig(
        DEFAULT_VERBOSITY,
        DEFAULT_SAMPLING_INITIAL,
        DEFAULT_SAMPLING_THEREAFTER,
        DEFAULT_USE_INTERNAL_LOGGER);
  }
}
