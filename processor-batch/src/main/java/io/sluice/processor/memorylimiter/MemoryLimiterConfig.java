package io.sluice.processor.memorylimiter;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The {@code memory_limiter} processor's config (spec collector-runtime.md §8).
 *
 * <p>The defaults are intentionally invalid, as in the collector: a user must set
 * {@code check_interval} and a limit. The factory checks the values and names the offending key;
 * this record only holds them.
 *
 * @param checkInterval {@code check_interval}: time between two heap measurements; default 0
 *     (invalid)
 * @param limitMib {@code limit_mib}: the hard limit in MiB; wins over {@code limit_percentage};
 *     default 0
 * @param spikeLimitMib {@code spike_limit_mib}: the soft limit is {@code limit − spike}; default
 *     0, which means 20 % of the limit
 * @param limitPercentage {@code limit_percentage}: the hard limit in percent of the maximum heap
 *     ({@code -Xmx}); default 0
 * @param spikeLimitPercentage {@code spike_limit_percentage}: the spike in percent of the maximum
 *     heap; default 0, which means 20 % of the limit
 * @param minGcIntervalWhenSoftLimited {@code min_gc_interval_when_soft_limited}: the least time
 *     between two forced GCs while above the soft limit; default 10s
 * @param minGcIntervalWhenHardLimited {@code min_gc_interval_when_hard_limited}: the least time
 *     between two forced GCs while above the hard limit; default 0 (every check)
 */
public record MemoryLimiterConfig(
    Duration checkInterval,
    long limitMib,
    long spikeLimitMib,
    long limitPercentage,
    long spikeLimitPercentage,
    Duration minGcIntervalWhenSoftLimited,
    Duration minGcIntervalWhenHardLimited) {
  /** The default {@code check_interval}: none, which does not validate. */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ZERO;

  /** The default {@code min_gc_interval_when_soft_limited}. */
  public static final Duration DEFAULT_MIN_GC_INTERVAL_WHEN_SOFT_LIMITED = Duration.ofSeconds(10);

  /** The default {@code min_gc_interval_when_hard_limited}. */
  public static final Duration DEFAULT_MIN_GC_INTERVAL_WHEN_HARD_LIMITED = Duration.ZERO;

  /** The spike used when none is configured: this percentage of the limit. */
  public static final int DEFAULT_SPIKE_PERCENT_OF_LIMIT = 20;

  /** Checks the parts are present. */
  public MemoryLimiterConfig {
    requireNonNull(checkInterval, "checkInterval");
    requireNonNull(minGcIntervalWhenSoftLimited, "minGcIntervalWhenSoftLimited");
    requireNonNull(minGcIntervalWhenHardLimited, "minGcIntervalWhenHardLimited");
  }

  /** Returns the config of a {@code memory_limiter:} entry written with no keys. */
  public static MemoryLimiterConfig defaults() {
    return new MemoryLimiterConfig(
        DEFAULT_CHECK_INTERVAL,
        0,
        0,
        0,
        0,
        DEFAULT_MIN_GC_INTERVAL_WHEN_SOFT_LIMITED,
        DEFAULT_MIN_GC_INTERVAL_WHEN_HARD_LIMITED);
  }
}
