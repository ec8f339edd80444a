package io.sluice.pipeline.log;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides which of many similar log lines to write: a burst, then one per interval, with the
 * count of the lines left out in between (STYLE: repeated failures are rate-limited).
 *
 * <p>A token bucket of {@code burst} lines that refills one line per interval; a burst of 1
 * writes the first line and then at most one per interval.
 */
public final class RateLimitedLog {
  private final int burst;
  private final long intervalNanos;
  private final LongSupplier nanoClock;

  // Guarded by this.
  private double tokens;
  private long lastRefillNanos;
  private long suppressed;

  /** Creates a log that writes {@code burst} lines, then one per {@code interval}. */
  public RateLimitedLog(int burst, Duration interval, LongSupplier nanoClock) {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, got " + burst);
    }
    this.burst = burst;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.tokens = burst;
    this.lastRefillNanos = nanoClock.getAsLong();
  }

  /** Returns a log on the system clock: {@code burst} lines, then one per {@code interval}. */
  public static RateLimitedLog of(int burst, Duration interval) {
    return new RateLimitedLog(burst, interval, System::nanoTime);
  }

  /**
   * Returns -1 when this line should be left out, else how many lines were left out since the
   * last one written (the caller says so in the line).
   */
  public synchronized long admit() {
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
