package io.sluice.storage.opensearch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th retry waits about {@code initial × 2^(n-1)}, capped,
 * then spread uniformly over [50%, 100%] of that so that retries of many items do not line up.
 */
final class Backoff {
  /** The bulk writer's item and request backoff: 100 ms, doubling, capped at 10 s. */
  static final Backoff BULK = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

  private final long initialNanos;
  private final long maxNanos;

  Backoff(Duration initial, Duration max) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
  }

  /** Returns the wait before retry number {@code attempt} (1 for the first retry). */
  Duration delay(int attempt) {
    long ceiling = ceiling(attempt);
    long half = ceiling / 2;
    return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  /** Returns the un-jittered wait before retry number {@code attempt}. */
  long ceiling(int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), 40);
    long base = initialNanos << Math.min(shift, Long.numberOfLeadingZeros(initialNanos) - 1);
    return Math.min(base, maxNanos);
  }
}
