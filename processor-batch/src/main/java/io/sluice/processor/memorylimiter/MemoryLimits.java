package io.sluice.processor.memorylimiter;

/**
 * The two thresholds the limiter compares the heap with, in bytes.
 *
 * @param hardBytes the hard limit: at or above it a GC is forced on every check (subject to
 *     {@code min_gc_interval_when_hard_limited})
 * @param spikeBytes the head-room kept below the hard limit; data is refused at or above
 *     {@code hardBytes − spikeBytes}
 */
public record MemoryLimits(long hardBytes, long spikeBytes) {
  private static final long MIB = 1024L * 1024L;

  /** Checks the limit is positive and larger than the spike. */
  public MemoryLimits {
    if (hardBytes <= 0 || spikeBytes < 0 || spikeBytes >= hardBytes) {
      throw new IllegalArgumentException("memory limit " + hardBytes
          + " bytes must be positive and larger than the spike limit " + spikeBytes + " bytes");
    }
  }

  /**
   * Returns the limits {@code config} sets: {@code limit_mib} when set, else
   * {@code limit_percentage} of {@code maxHeapBytes}; a spike of 0 means 20 % of the limit.
   *
   * @throws IllegalStateException when only percentages are set and the JVM has no maximum heap
   */
  public static MemoryLimits of(MemoryLimiterConfig config, long maxHeapBytes) {
    if (config.limitMib() > 0) {
      long hard = config.limitMib() * MIB;
      return new MemoryLimits(hard, spikeOrDefault(config.spikeLimitMib() * MIB, hard));
    }
    if (maxHeapBytes <= 0) {
      throw new IllegalStateException("limit_percentage " + config.limitPercentage()
          + " needs a maximum heap size, and this JVM reports none: set -Xmx or use limit_mib");
    }
    long hard = maxHeapBytes * config.limitPercentage() / 100;
    long spike = maxHeapBytes * config.spikeLimitPercentage() / 100;
    return new MemoryLimits(hard, spikeOrDefault(spike, hard));
  }

  /** Returns the soft limit, {@code hardBytes − spikeBytes}. */
  public long softBytes() {
    return hardBytes - spikeBytes;
  }

  /** Returns {@code bytes} in whole MiB, rounded down, for log lines and messages. */
  static long mib(long bytes) {
    return bytes / MIB;
  }

  private static long spikeOrDefault(long spikeBytes, long hardBytes) {
    return spikeBytes > 0
        ? spikeBytes
        : hardBytes * MemoryLimiterConfig.DEFAULT_SPIKE_PERCENT_OF_LIMIT / 100;
  }
}
