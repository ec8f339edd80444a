package io.sluice.receiver.otlp;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides which of many similar log lines to write: the first, then at most one per interval,
 * each saying how many were left out since the last one written.
 */
final class RateLimitedLog {
  private final long intervalNanos;
  private final LongSupplier nanoClock;

  // Guarded by this.
  private boolean written;
  private long lastWrittenNanos;
  private long suppressed;

  /** Creates a log that writes at most one line per {@code interval} by {@code nanoClock}. */
  RateLimitedLog(Duration interval, LongSupplier nanoClock) {
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Returns -1 when this line should be left out, else how many lines were left out since the
   * last one written (the caller says so in the line).
   */
  synchronized long admit() {
    long now = nanoClock.getAsLong();
    if (written && now - lastWrittenNanos < intervalNanos) {
      suppressed++;
      return -1;
    }
    written = true;
    lastWrittenNanos = now;
    long left = suppressed;
    suppressed = 0;
    return left;
  }
}
