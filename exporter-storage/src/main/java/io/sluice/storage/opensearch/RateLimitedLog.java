package io.sluice.storage.opensearch;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides which of many similar log lines to write: a burst, then one per interval, with the
 * count of the lines left out in between (STYLE: repeated failures are rate-limited).
 */
final class RateLimitedLog {
  private final int burst;
  private final long intervalNanos;
  private final LongSupplier nanoClock;

  // Guarded by this.
  private double tokens;
  private long lastRefillNanos;
  private long suppressed;

  RateLimitedLog(int burst, Duration interval, LongSupplier nanoClock) {
    this.burst = burst;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.tokens = burst;
    this.lastRefillNanos = nanoClock.getAsLong();
  }

  /** Returns the writer's default: 5 lines, then one per 10 s. */
  static RateLimitedLog standard() {
    return new RateLimitedLog(5, Duration.ofSeconds(10), System::nanoTime);
  }

  /**
   * Returns -1 when this line should be left out, else how many lines were left out since the
   * last one written (the caller says so in the line).
   */
  synchronized long admit() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(burst, tokens + (double) (now - lastRefillNanos) / intervalNanos);
    lastRefillNanos = now;
    if (tokens < 1) {
      suppressed++;
      return -1;
    }
    tokens -= 1;
    long left = suppressed;
    suppressed = 0;
    return left;
  }
}
