package io.sluice.bench.seed;

import java.time.Duration;

/**
 * Decides when a collector is done storing a run's spans, from successive observations of the
 * stored count, and remembers when that count last changed.
 *
 * <p>Done when storage holds every span the collector accepted; or when the count has not moved
 * for the settle time while the collector reports its queues empty (the rest is lost); or, as a
 * last resort, when the wait limit passes (then the run did not settle, which the table says).
 * Times are nanoseconds from any fixed origin, e.g. {@link System#nanoTime()}.
 */
final class StoreWatch {
  private final long startNanos;
  private final long settleNanos;
  private final long limitNanos;

  // Owned by the one thread that polls.
  private long target = -1;
  private long stored = -1;
  private long lastChangeNanos;
  private boolean settled;

  /** Starts watching at {@code startNanos}, when the client started sending. */
  StoreWatch(long startNanos, Duration settle, Duration limit) {
    this.startNanos = startNanos;
    this.settleNanos = settle.toNanos();
    this.limitNanos = limit.toNanos();
    this.lastChangeNanos = startNanos;
  }

  /** Sets the count that means "all stored": the spans the client exported (got a 2xx for). */
  void expect(long spans) {
    this.target = spans;
  }

  /**
   * Records that storage held {@code storedSpans} at {@code nowNanos} and returns whether the
   * wait is over; {@code queuesEmpty} is whether the collector reports nothing still queued.
   */
  boolean observe(long nowNanos, long storedSpans, boolean queuesEmpty) {
    if (storedSpans != stored) {
      stored = storedSpans;
      lastChangeNanos = nowNanos;
    }
    if (target >= 0 && stored >= target) {
      settled = true;
      return true;
    }
    if (target >= 0 && queuesEmpty && nowNanos - lastChangeNanos >= settleNanos) {
      settled = true;
      return true;
    }
    return expired(nowNanos);
  }

  /** Returns whether the wait limit has passed at {@code nowNanos}. */
  boolean expired(long nowNanos) {
    return nowNanos - startNanos >= limitNanos;
  }

  /** Returns the last stored count observed. */
  long stored() {
    return stored;
  }

  /** Returns the time from the start until the stored count last changed. */
  Duration untilLastChange() {
    return Duration.ofNanos(lastChangeNanos - startNanos);
  }

  /** Returns whether storage reached its final count before the wait limit. */
  boolean settled() {
    return settled;
  }
}
